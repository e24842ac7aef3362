#pragma once
// The OS calls the rest of the engine makes on files and folders, named for what they are
// for: how much room a folder has, whether a database could be written there, whether an
// input is there at all, and writing a file so that it is private and on the disk before
// it replaces another. The only place (with paths and the instance lock) that includes an
// OS header or tells one OS from another; callable from any thread.
#include <cstdint>
#include <cstdio>
#include <filesystem>

namespace blockify::platform {

// Free bytes available to this user at `dir`; -1 when it cannot be told (e.g. `dir`
// does not exist).
int64_t free_space_at(const std::filesystem::path& dir);

// True when `dir` is on a file system mounted read-only.
bool on_read_only_mount(const std::filesystem::path& dir);
// True when this user may write `path` (a file, or a folder to create files in).
bool may_write(const std::filesystem::path& path);

// True only when the OS says there is nothing at `path` (a link to nothing counts as
// nothing). An input that is there but cannot be looked at is not missing: reading it
// says why it cannot be read.
bool nothing_at(const std::filesystem::path& path);

// Creates an empty file at `path`, 0600, when nothing is there yet; does nothing (and
// touches nothing) when something is.
void create_private_file_if_missing(const std::filesystem::path& path);

// Creates `path`, which must not exist, for writing, with exactly `mode` whatever the
// umask. Null with errno set when it could not (EEXIST: the name is taken).
std::FILE* create_new_file(const std::filesystem::path& path, unsigned mode);
// Opens `path` for reading bytes; null with errno set when it could not.
std::FILE* open_for_reading(const std::filesystem::path& path);
// Makes an open file readable and writable by its owner only (0600). Best effort.
void make_private(std::FILE* file);
// Writes what `file` holds (already flushed) to the disk: 0, or nonzero with errno set.
int sync_file(std::FILE* file);
// Makes a rename inside `dir` durable. Best effort: not every file system supports it.
void sync_folder(const std::filesystem::path& dir);

}  // namespace blockify::platform
