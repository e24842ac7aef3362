#pragma once
// Sample documents several engine tests feed to jobs, in the product's words: a short
// manual about Blockify, and three office policies on unrelated subjects.
#include <string>
#include <vector>

namespace blockify::test {

// Two short paragraphs about Blockify: one chunk at the default chunk size.
inline const std::string kSampleManual =
    "Blockify turns documents into IdeaBlocks. Each IdeaBlock holds one idea with a critical question and a "
    "trusted answer.\n\nA job that fails can be retried from the jobs table with one click.";

// Three policies, one paragraph each, sharing no subject: as three files, each becomes
// blocks of its own and a question about one of them finds that one.
inline const std::vector<std::string> kOfficePolicies = {
    "Backups run every night at two o'clock. Each backup is copied to a second building and kept for thirty "
    "days.",
    "Expense reports are due by the fifth of each month. Receipts must be attached as scanned images.",
    "Visitors sign in at the reception desk and wear a badge. Badges are returned when the visitor leaves."};

}  // namespace blockify::test
