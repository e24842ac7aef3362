#pragma once
// A fresh temporary folder per test, removed when the test ends.
#include <filesystem>
#include <string>

namespace blockify::test {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  // Writes `content` to a file in the folder and returns its path.
  std::filesystem::path write(const std::string& name, const std::string& content) const;

 private:
  std::filesystem::path path_;
};

// Reads a whole file (empty string when missing).
std::string read_file(const std::filesystem::path& path);

}  // namespace blockify::test
