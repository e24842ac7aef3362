// The fake embeddings server of tests/support as a program, for shell tests: serves
// bag-of-words vectors (tests/support/fake_embeddings.h) on 127.0.0.1, prints its base URL
// ("http://127.0.0.1:PORT/v1") on the first line, and runs until SIGTERM or SIGINT, or
// for at most 300 s (a hang guard, should the test that started it die without ending it).
// Usage: fake_embeddings_server [DIMENSIONS]
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "tests/support/fake_embeddings.h"

int main(int argc, char** argv) {
  const int dimensions = argc > 1 ? std::atoi(argv[1]) : 32;
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGALRM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);  // before the server's threads start: they inherit it
  blockify::test::FakeOpenAiServer server;
  blockify::test::serve_bag_of_words(server, dimensions > 0 ? dimensions : 32);
  std::cout << server.url() << std::endl;
  alarm(300);
  int signal = 0;
  sigwait(&stop, &signal);
  std::cerr << "fake embeddings server: answered " << blockify::test::embedded_inputs(server) << " texts\n";
  return 0;
}
