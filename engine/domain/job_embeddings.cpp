#include "engine/domain/job_embeddings.h"

#include <cmath>

namespace blockify {
namespace {

std::string thousands(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

}  // namespace

double JobEmbeddings::blocks_per_minute() const {
  return seconds > 0.05 && embedded_this_attempt > 0
             ? static_cast<double>(embedded_this_attempt) * 60.0 / seconds
             : 0;
}

nlohmann::json to_json(const JobEmbeddings& e) {
  return {{"model", e.model},
          {"dimensions", e.dimensions},
          {"blocks", e.blocks},
          {"requests", e.requests},
          {"tokens", e.tokens},
          {"seconds", std::round(e.seconds * 1000) / 1000},
          {"blocks_per_minute", std::round(e.blocks_per_minute())}};
}

std::string embeddings_summary(const JobEmbeddings& e) {
  std::string out = thousands(e.blocks) + " IdeaBlocks with " + e.model;
  if (e.dimensions > 0) out += " (" + std::to_string(e.dimensions) + " dimensions)";
  out += "; " + thousands(e.requests) + (e.requests == 1 ? " request, " : " requests, ") +
         thousands(e.tokens) + " tokens";
  if (double rate = e.blocks_per_minute(); rate > 0)
    out += ", " + thousands(std::llround(rate)) + " per minute";
  return out;
}

}  // namespace blockify
