#pragma once
// An in-process stand-in for an OpenAI-compatible server: HTTP/1.1 on 127.0.0.1 with an
// ephemeral port, answering each request from a script so tests can stage 429s, slow
// replies and bad output without a model. One thread per connection, Connection: close.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace blockify::test {

class FakeOpenAiServer {
 public:
  struct Response {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::chrono::milliseconds delay{0};  // wait before replying (wakes early on shutdown)
    // Answer only once the test calls release_held() (or the server stops; hang guard
    // 60 s): a reply that is "still in flight" for exactly as long as the test needs.
    bool held = false;
  };

  struct Request {
    std::string method;
    std::string path;
    std::map<std::string, std::string> headers;  // names lower-cased
    std::string body;
  };

  // Starts listening at once; port() is valid after construction.
  FakeOpenAiServer();
  // Stops accepting, wakes delayed replies and joins every thread.
  ~FakeOpenAiServer();
  FakeOpenAiServer(const FakeOpenAiServer&) = delete;
  FakeOpenAiServer& operator=(const FakeOpenAiServer&) = delete;

  int port() const { return port_; }
  // Base URL to put in EndpointSettings::url, e.g. "http://127.0.0.1:41234/v1".
  std::string url() const;

  // Queues a response for the next request; when the queue is empty the default answers.
  void push(Response response);
  void set_default(Response response);
  // Answers requests to paths ending in `path_suffix` (e.g. "/embeddings") from their
  // content when no scripted response is queued, instead of the default.
  void answer_from_request(const std::string& path_suffix, std::function<Response(const Request&)> answer);
  // Every request received so far, in arrival order.
  std::vector<Request> requests() const;
  size_t request_count() const;

  // Held replies waiting for release_held() right now.
  size_t held_count() const;
  // Waits until at least `count` replies are held; false at the hang guard (30 s).
  bool wait_until_held(size_t count) const;
  // Sends every held reply, and every later one at once.
  void release_held();
  // The most requests that were waiting for their reply at the same time.
  size_t peak_in_flight() const;

  // A 200 chat completion whose message content is `content`.
  static Response chat_reply(const std::string& content, int64_t completion_tokens = 42);
  // A bare status reply with an OpenAI-style error body.
  static Response error_reply(int status, const std::string& message,
                              std::vector<std::pair<std::string, std::string>> headers = {});

 private:
  struct Connection {
    std::thread thread;
    std::shared_ptr<bool> done;  // guarded by mutex_
    int fd = -1;
  };

  void accept_loop();
  void serve(int fd, std::shared_ptr<bool> done);
  Response next_response(const Request& request);
  void reap_finished_connections();  // REQUIRES: mutex_ held

  int listen_fd_ = -1;
  int port_ = 0;
  std::thread acceptor_;
  mutable std::mutex mutex_;
  mutable std::condition_variable wake_;  // stopping_, held_ and held_released_ changes
  bool stopping_ = false;                 // guarded by mutex_
  std::deque<Response> script_;           // guarded by mutex_
  Response default_response_;             // guarded by mutex_
  std::vector<std::pair<std::string, std::function<Response(const Request&)>>>
      computed_;                               // guarded by mutex_
  std::vector<Request> requests_;              // guarded by mutex_
  std::vector<Connection> connections_;        // guarded by mutex_
  size_t held_ = 0;                            // guarded by mutex_
  bool held_released_ = false;                 // guarded by mutex_
  size_t in_flight_ = 0, peak_in_flight_ = 0;  // guarded by mutex_
};

// Returns a TCP port on 127.0.0.1 that nobody listens on (bound, then released).
int unused_local_port();

}  // namespace blockify::test
