// Export writes to a regular file only: a FIFO, a device, a socket or a folder at --out
// is refused with a sentence and left as it was; replacing a file keeps its mode; a new
// file is 0600 whatever the umask; a symbolic link is resolved and the result says where
// the export went, and a dangling link or a loop of links is refused.
#include <doctest/doctest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/pipeline/export.h"
#include "tests/support/sample_blocks.h"
#include "tests/support/temp_dir.h"

using namespace blockify;
using blockify::test::read_file;
using blockify::test::TempDir;
namespace fs = std::filesystem;

namespace {

// Exports the Retry Policy sample block to `out` as JSONL, with a terabyte free.
ExportResult export_to(const fs::path& out) {
  IdeaBlock block = blockify::example_ideablock();
  block.id = 1;
  return export_blocks({block}, "manuals", ExportFormat::Jsonl, out,
                       [](const fs::path&) { return int64_t{1} << 40; });
}

mode_t mode_of(const fs::path& path) {
  struct stat st {};
  REQUIRE(::lstat(path.c_str(), &st) == 0);
  return st.st_mode;
}

// Sets the umask for one scope.
struct Umask {
  explicit Umask(mode_t mask) : old(::umask(mask)) {}
  ~Umask() { ::umask(old); }
  mode_t old;
};

void check_refused(const ExportResult& r, const fs::path& out, const char* kind) {
  CHECK_FALSE(r.ok());
  CHECK(r.error.message.find(out.string()) != std::string::npos);
  CHECK(r.error.message.find(kind) != std::string::npos);
  CHECK(!r.error.hint.empty());
}

}  // namespace

TEST_CASE("export onto a FIFO is refused and the FIFO stays a FIFO") {
  TempDir dir;
  auto fifo = dir / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  check_refused(export_to(fifo), fifo, "named pipe");
  CHECK(S_ISFIFO(mode_of(fifo)));
}

TEST_CASE("export onto a device node is refused and the device stays") {
  TempDir dir;
  fs::path device = dir / "full";
  if (::mknod(device.c_str(), S_IFCHR | 0600, makedev(1, 7)) != 0) {
    device = "/dev/null";  // not root: a device that exists everywhere, never replaced
  }
  check_refused(export_to(device), device, "character device");
  CHECK(S_ISCHR(mode_of(device)));
}

TEST_CASE("export onto a socket or a folder is refused") {
  TempDir dir;
  auto socket_path = dir / "s.sock";
  int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, socket_path.c_str(), sizeof address.sun_path - 1);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  check_refused(export_to(socket_path), socket_path, "socket");
  ::close(fd);
  CHECK(S_ISSOCK(mode_of(socket_path)));

  fs::create_directories(dir / "folder");
  check_refused(export_to(dir / "folder"), dir / "folder", "folder");
}

TEST_CASE("a new export is 0600 under umask 022; replacing a file keeps its mode") {
  TempDir dir;
  Umask mask(022);
  auto fresh = dir / "fresh.jsonl";
  REQUIRE(export_to(fresh).ok());
  CHECK((mode_of(fresh) & 07777) == 0600);

  auto shared = dir / "shared.jsonl";
  dir.write("shared.jsonl", "old\n");
  fs::permissions(shared, fs::perms(0640), fs::perm_options::replace);
  REQUIRE(export_to(shared).ok());
  CHECK((mode_of(shared) & 07777) == 0640);
  CHECK(read_file(shared).find("Retry Policy") != std::string::npos);

  auto private_file = dir / "private.jsonl";
  dir.write("private.jsonl", "old\n");
  fs::permissions(private_file, fs::perms(0600), fs::perm_options::replace);
  REQUIRE(export_to(private_file).ok());
  CHECK((mode_of(private_file) & 07777) == 0600);
}

TEST_CASE("export through a symlink writes the file it points to, keeps the link, and says so") {
  TempDir dir;
  fs::create_directories(dir / "real");
  auto target = dir / "real" / "blocks.jsonl";
  dir.write("real/blocks.jsonl", "old\n");
  auto link = dir / "link.jsonl";
  fs::create_symlink(target, link);
  ExportResult r = export_to(link);
  REQUIRE(r.ok());
  CHECK(S_ISLNK(mode_of(link)));
  CHECK(fs::equivalent(r.written_to, target));
  CHECK(r.note.find("symbolic link") != std::string::npos);
  CHECK(r.note.find(fs::canonical(target).string()) != std::string::npos);
  CHECK(read_file(target).find("Retry Policy") != std::string::npos);
}

TEST_CASE("a dangling symlink or a loop of links is refused, creating nothing") {
  TempDir dir;
  auto dangling = dir / "dangling.jsonl";
  fs::create_symlink(dir / "elsewhere" / "never.jsonl", dangling);
  check_refused(export_to(dangling), dangling, "does not exist");
  CHECK_FALSE(fs::exists(dir / "elsewhere"));

  auto a = dir / "a.jsonl";
  auto b = dir / "b.jsonl";
  fs::create_symlink(b, a);
  fs::create_symlink(a, b);
  check_refused(export_to(a), a, "loop");
  CHECK(S_ISLNK(mode_of(a)));
}

TEST_CASE("a symlink to a device is refused like the device") {
  TempDir dir;
  auto link = dir / "null.jsonl";
  fs::create_symlink("/dev/null", link);
  check_refused(export_to(link), link, "character device");
  CHECK(S_ISCHR(mode_of("/dev/null")));
}
