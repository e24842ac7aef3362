#pragma once
// Mutex, MutexLock and CondVar: std::mutex and std::condition_variable with the
// thread-safety attributes libstdc++ does not carry (thread_annotations.h), so data a
// mutex guards can be declared GUARDED_BY it and the clang build checks every access.
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "engine/platform/thread_annotations.h"

namespace blockify {

class CAPABILITY("mutex") Mutex {
 public:
  Mutex() = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void lock() ACQUIRE() { mutex_.lock(); }
  void unlock() RELEASE() { mutex_.unlock(); }

 private:
  friend class CondVar;
  std::mutex mutex_;
};

// Holds `mutex` for its scope, like std::lock_guard.
class SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex& mutex) ACQUIRE(mutex) : mutex_(mutex) { mutex_.lock(); }
  ~MutexLock() RELEASE() { mutex_.unlock(); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex& mutex_;
};

// A condition variable waited on with a Mutex the caller holds (through a MutexLock).
// The mutex is released while waiting and held again when a wait returns, as with
// std::condition_variable. A predicate reading guarded data says REQUIRES(mutex) after
// its parameter list.
class CondVar {
 public:
  template <class Predicate>
  void wait(Mutex& mutex, Predicate done) REQUIRES(mutex) {
    Borrowed held(mutex);
    cv_.wait(held.lock, done);
  }

  // False when `timeout` passed with `done` still false.
  template <class Rep, class Period, class Predicate>
  bool wait_for(Mutex& mutex, std::chrono::duration<Rep, Period> timeout, Predicate done) REQUIRES(mutex) {
    Borrowed held(mutex);
    return cv_.wait_for(held.lock, timeout, done);
  }

  template <class Clock, class Duration, class Predicate>
  bool wait_until(Mutex& mutex, std::chrono::time_point<Clock, Duration> deadline, Predicate done)
      REQUIRES(mutex) {
    Borrowed held(mutex);
    return cv_.wait_until(held.lock, deadline, done);
  }

  void notify_one() { cv_.notify_one(); }
  void notify_all() { cv_.notify_all(); }

 private:
  // The caller's held mutex in the form std::condition_variable takes. It never unlocks
  // it at the end, also when the predicate throws: the caller's MutexLock does.
  struct Borrowed {
    explicit Borrowed(Mutex& mutex) : lock(mutex.mutex_, std::adopt_lock) {}
    ~Borrowed() { lock.release(); }
    std::unique_lock<std::mutex> lock;
  };
  std::condition_variable cv_;
};

}  // namespace blockify
