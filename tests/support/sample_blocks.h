#pragma once
// The example IdeaBlock of PRODUCT.md ("Retry Policy"), which many tests use: as the
// engine holds it and as a model writes it.
#include <string>

#include "engine/domain/ideablock.h"

namespace blockify::test {

inline IdeaBlock retry_policy_block() {
  IdeaBlock b;
  b.name = "Retry Policy";
  b.critical_question = "What happens when a job is retried?";
  b.trusted_answer = "The job restarts from the beginning with the same configuration.";
  b.tags = {"IMPORTANT", "PROCESS"};
  b.entities = {{"BLOCKIFY", "PRODUCT"}};
  b.keywords = {"retry", "job", "configuration"};
  return b;
}

// The same block as PRODUCT.md writes it (no line break after the closing tag).
inline const std::string kRetryPolicyXml = R"(<ideablock>
  <name>Retry Policy</name>
  <critical_question>What happens when a job is retried?</critical_question>
  <trusted_answer>The job restarts from the beginning with the same configuration.</trusted_answer>
  <tags>IMPORTANT, PROCESS</tags>
  <entity><entity_name>BLOCKIFY</entity_name><entity_type>PRODUCT</entity_type></entity>
  <keywords>retry, job, configuration</keywords>
</ideablock>)";

}  // namespace blockify::test
