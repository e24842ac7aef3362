#pragma once
// Clang's thread-safety analysis (-Wthread-safety): attributes that say which mutex or
// thread owns a piece of data, so the compiler checks every access. They are checked in
// the clang build scripts/test makes (build-threads/); under GCC, the normal build, every
// macro expands to nothing. See https://clang.llvm.org/docs/ThreadSafetyAnalysis.html.
//
// The words used here:
//   a capability   something a thread holds: a locked Mutex, or a ThreadRole (being the
//                  engine thread)
//   GUARDED_BY(c)  this member is read or written only while holding c
//   REQUIRES(c)    the caller of this function holds c
//   EXCLUDES(c)    the caller does not hold c (the function takes it itself)
//   ACQUIRE/RELEASE  the function takes / gives back c (Mutex::lock, MutexLock)
//   ASSERT_CAPABILITY  after this call the analysis takes c as held (ThreadRole::assert_held)

#if defined(__clang__)
#define BLOCKIFY_THREAD_ATTRIBUTE(x) __attribute__((x))
#else
#define BLOCKIFY_THREAD_ATTRIBUTE(x)
#endif

// On a class: its objects are capabilities; `kind` names them in warnings ("mutex").
#define CAPABILITY(kind) BLOCKIFY_THREAD_ATTRIBUTE(capability(kind))
// On a class: an RAII object that holds a capability from construction to destruction.
#define SCOPED_CAPABILITY BLOCKIFY_THREAD_ATTRIBUTE(scoped_lockable)
#define GUARDED_BY(c) BLOCKIFY_THREAD_ATTRIBUTE(guarded_by(c))
#define REQUIRES(...) BLOCKIFY_THREAD_ATTRIBUTE(requires_capability(__VA_ARGS__))
#define EXCLUDES(...) BLOCKIFY_THREAD_ATTRIBUTE(locks_excluded(__VA_ARGS__))
#define ACQUIRE(...) BLOCKIFY_THREAD_ATTRIBUTE(acquire_capability(__VA_ARGS__))
#define RELEASE(...) BLOCKIFY_THREAD_ATTRIBUTE(release_capability(__VA_ARGS__))
#define ASSERT_CAPABILITY(c) BLOCKIFY_THREAD_ATTRIBUTE(assert_capability(c))

namespace blockify {

// A thread's role as a capability: data only one thread may touch (the engine thread's
// state) is GUARDED_BY the role, and the functions that run on that thread REQUIRES it.
// Nothing is locked; the thread's entry point calls assert_held() once, and from there the
// analysis follows the calls. A lambda that runs on the thread (a unit of work, a task
// posted to the engine) says so with REQUIRES(role) after its parameter list.
class CAPABILITY("role") ThreadRole {
 public:
  // Called where the thread starts: from here on, this thread plays the role.
  void assert_held() const ASSERT_CAPABILITY(this) {}
};

}  // namespace blockify
