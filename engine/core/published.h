#pragma once
// Published<T>: the latest immutable value one thread hands to others (the engine's
// snapshot). A mutex-guarded shared_ptr swap rather than std::atomic<std::shared_ptr>:
// libstdc++ 12 guards the atomic form with a lock bit in its reference count, and load()
// releases that bit with a relaxed operation (bits/shared_ptr_atomic.h), so nothing
// orders a reader's read of the pointer before the next store's write of it.
// ThreadSanitizer reports that as a race, and it cannot be told apart from a real one.
// A mutex makes the ordering explicit. It is held only to copy or swap a pointer
// (nanoseconds at our publish rate); the previous value is released outside it.
#include <memory>

#include "engine/platform/mutex.h"

namespace blockify {

template <class T>
class Published {
 public:
  // The latest value; null before the first store.
  std::shared_ptr<const T> load() const EXCLUDES(mutex_) {
    MutexLock lock(mutex_);
    return value_;
  }

  // Replaces the value; readers holding the previous one keep it alive until they drop it.
  void store(std::shared_ptr<const T> value) EXCLUDES(mutex_) {
    {
      MutexLock lock(mutex_);
      value_.swap(value);
    }
    // `value` now holds the previous snapshot; freeing it here keeps the lock short.
  }

 private:
  mutable Mutex mutex_;
  std::shared_ptr<const T> value_ GUARDED_BY(mutex_);
};

}  // namespace blockify
