#pragma once
// PRODUCT.md's example block ("Retry Policy") as a model writes it; the engine holds it as
// example_ideablock().
#include <string>

#include "engine/domain/ideablock.h"

namespace blockify::test {

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
