#include "tests/support/fake_openai_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace blockify::test {
namespace {

constexpr size_t kMaxHeaderBytes = 64 * 1024;
constexpr size_t kMaxBodyBytes = 64 * 1024 * 1024;

std::string lowercase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string trim(const std::string& text) {
  size_t b = text.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  size_t e = text.find_last_not_of(" \t\r\n");
  return text.substr(b, e - b + 1);
}

const char* reason_phrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    default:
      return "Status";
  }
}

bool send_all(int fd, const std::string& data) {
  size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

// Reads one request (headers, then a Content-Length body); false on a broken request.
bool read_request(int fd, FakeOpenAiServer::Request& request) {
  std::string data;
  char buffer[16 * 1024];
  size_t header_end = std::string::npos;
  auto receive_more = [&]() {
    ssize_t n;
    do n = ::recv(fd, buffer, sizeof buffer, 0);
    while (n < 0 && errno == EINTR);
    if (n <= 0) return false;
    data.append(buffer, static_cast<size_t>(n));
    return true;
  };
  while ((header_end = data.find("\r\n\r\n")) == std::string::npos) {
    if (data.size() > kMaxHeaderBytes || !receive_more()) return false;
  }
  size_t line_end = data.find("\r\n");
  std::string request_line = data.substr(0, line_end);
  size_t space1 = request_line.find(' ');
  size_t space2 = request_line.find(' ', space1 + 1);
  if (space1 == std::string::npos || space2 == std::string::npos) return false;
  request.method = request_line.substr(0, space1);
  request.path = request_line.substr(space1 + 1, space2 - space1 - 1);
  for (size_t pos = line_end + 2; pos < header_end;) {
    size_t end = data.find("\r\n", pos);
    std::string line = data.substr(pos, end - pos);
    size_t colon = line.find(':');
    if (colon != std::string::npos)
      request.headers[lowercase(trim(line.substr(0, colon)))] = trim(line.substr(colon + 1));
    pos = end + 2;
  }
  size_t length = 0;
  if (auto it = request.headers.find("content-length"); it != request.headers.end()) {
    length = std::strtoull(it->second.c_str(), nullptr, 10);
  }
  if (length > kMaxBodyBytes) return false;
  if (auto it = request.headers.find("expect");
      it != request.headers.end() && lowercase(it->second) == "100-continue") {
    send_all(fd, "HTTP/1.1 100 Continue\r\n\r\n");
  }
  data.erase(0, header_end + 4);
  while (data.size() < length) {
    if (!receive_more()) return false;
  }
  request.body = data.substr(0, length);
  return true;
}

std::string serialize(const FakeOpenAiServer::Response& response) {
  std::string out =
      "HTTP/1.1 " + std::to_string(response.status) + " " + reason_phrase(response.status) + "\r\n";
  out += "Content-Type: application/json\r\n";
  out += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
  out += "Connection: close\r\n";
  for (const auto& [name, value] : response.headers) out += name + ": " + value + "\r\n";
  out += "\r\n" + response.body;
  return out;
}

}  // namespace

FakeOpenAiServer::FakeOpenAiServer() {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) throw std::runtime_error("fake server: socket() failed");
  int yes = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;  // the kernel picks a free port
  socklen_t len = sizeof addr;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listen_fd_, 128) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(listen_fd_);
    throw std::runtime_error("fake server: cannot listen on 127.0.0.1");
  }
  port_ = ntohs(addr.sin_port);
  default_response_ = chat_reply(
      "<ideablock><name>Default</name><trusted_answer>Default reply.</trusted_answer></ideablock>");
  acceptor_ = std::thread([this] { accept_loop(); });
}

FakeOpenAiServer::~FakeOpenAiServer() {
  std::vector<Connection> connections;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    // Shutting the listening socket down wakes the blocked accept().
    ::shutdown(listen_fd_, SHUT_RDWR);
    for (auto& connection : connections_) {
      if (!*connection.done) ::shutdown(connection.fd, SHUT_RDWR);
    }
    connections = std::move(connections_);
  }
  wake_.notify_all();
  acceptor_.join();
  for (auto& connection : connections) connection.thread.join();
  ::close(listen_fd_);
}

std::string FakeOpenAiServer::url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1"; }

void FakeOpenAiServer::push(Response response) {
  std::lock_guard lock(mutex_);
  script_.push_back(std::move(response));
}

void FakeOpenAiServer::set_default(Response response) {
  std::lock_guard lock(mutex_);
  default_response_ = std::move(response);
}

void FakeOpenAiServer::answer_from_request(const std::string& path_suffix,
                                           std::function<Response(const Request&)> answer) {
  std::lock_guard lock(mutex_);
  computed_.emplace_back(path_suffix, std::move(answer));
}

std::vector<FakeOpenAiServer::Request> FakeOpenAiServer::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

size_t FakeOpenAiServer::request_count() const {
  std::lock_guard lock(mutex_);
  return requests_.size();
}

size_t FakeOpenAiServer::held_count() const {
  std::lock_guard lock(mutex_);
  return held_;
}

bool FakeOpenAiServer::wait_until_held(size_t count) const {
  std::unique_lock lock(mutex_);
  return wake_.wait_for(lock, std::chrono::seconds(30), [&] { return held_ >= count; });
}

void FakeOpenAiServer::release_held() {
  {
    std::lock_guard lock(mutex_);
    held_released_ = true;
  }
  wake_.notify_all();
}

size_t FakeOpenAiServer::peak_in_flight() const {
  std::lock_guard lock(mutex_);
  return peak_in_flight_;
}

FakeOpenAiServer::Response FakeOpenAiServer::chat_reply(const std::string& content,
                                                        int64_t completion_tokens) {
  nlohmann::json body = {{"id", "chatcmpl-fake"},
                         {"object", "chat.completion"},
                         {"choices",
                          {{{"index", 0},
                            {"message", {{"role", "assistant"}, {"content", content}}},
                            {"finish_reason", "stop"}}}},
                         {"usage",
                          {{"prompt_tokens", 100},
                           {"completion_tokens", completion_tokens},
                           {"total_tokens", 100 + completion_tokens}}}};
  Response response;
  response.body = body.dump();
  return response;
}

FakeOpenAiServer::Response FakeOpenAiServer::error_reply(
    int status, const std::string& message, std::vector<std::pair<std::string, std::string>> headers) {
  Response response;
  response.status = status;
  response.headers = std::move(headers);
  response.body = nlohmann::json{{"error", {{"message", message}, {"type", "fake_error"}}}}.dump();
  return response;
}

FakeOpenAiServer::Response FakeOpenAiServer::next_response(const Request& request) {
  std::function<Response(const Request&)> answer;
  {
    std::lock_guard lock(mutex_);
    if (!script_.empty()) {
      Response response = std::move(script_.front());
      script_.pop_front();
      return response;
    }
    for (const auto& [suffix, computed] : computed_) {
      if (request.path.size() >= suffix.size() &&
          request.path.compare(request.path.size() - suffix.size(), suffix.size(), suffix) == 0)
        answer = computed;
    }
    if (!answer) return default_response_;
  }
  return answer(request);  // outside the lock: it may take its time
}

void FakeOpenAiServer::reap_finished_connections() {
  for (auto it = connections_.begin(); it != connections_.end();) {
    if (*it->done) {
      it->thread.join();
      it = connections_.erase(it);
    } else {
      ++it;
    }
  }
}

void FakeOpenAiServer::accept_loop() {
  while (true) {
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    std::lock_guard lock(mutex_);
    if (stopping_) {
      if (fd >= 0) ::close(fd);
      return;
    }
    if (fd < 0) continue;  // EINTR, or a connection reset before we took it
    reap_finished_connections();
    auto done = std::make_shared<bool>(false);
    connections_.push_back(Connection{std::thread([this, fd, done] { serve(fd, done); }), done, fd});
  }
}

void FakeOpenAiServer::serve(int fd, std::shared_ptr<bool> done) {
  timeval timeout{5, 0};  // a stuck client must not pin the thread forever
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  Request request;
  if (read_request(fd, request)) {
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(request);
      peak_in_flight_ = std::max(peak_in_flight_, ++in_flight_);
    }
    Response response = next_response(request);
    bool stopping = false;
    {
      std::unique_lock lock(mutex_);
      if (response.held) {
        ++held_;
        wake_.notify_all();
        wake_.wait_for(lock, std::chrono::seconds(60), [this] { return stopping_ || held_released_; });
        --held_;
      }
      stopping = stopping_ || wake_.wait_for(lock, response.delay, [this] { return stopping_; });
      // Counted out before the reply is sent, so a client that got its reply never sees
      // its next request counted together with this one.
      --in_flight_;
    }
    if (!stopping) send_all(fd, serialize(response));
  }
  // Closing under the lock keeps the destructor from shutting down a reused fd number.
  std::lock_guard lock(mutex_);
  ::shutdown(fd, SHUT_WR);
  ::close(fd);
  *done = true;
}

int unused_local_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace blockify::test
