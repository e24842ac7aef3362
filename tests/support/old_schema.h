#pragma once
// SQL that takes a current database back to what a build of an older schema left on
// disk, so migration tests start from a faithful old file.

namespace blockify::test {

// Removes what schema 5 added (vectors): run before setting user_version below 5.
inline constexpr const char* kDropSchema5 =
    "DROP TRIGGER blocks_vectors_delete; DROP TRIGGER blocks_vectors_merge; DROP TABLE block_vectors; DROP "
    "TABLE job_embeddings; "
    "ALTER TABLE datasets DROP COLUMN vector_model; ALTER TABLE datasets DROP COLUMN vector_dimensions; "
    "ALTER TABLE datasets DROP COLUMN vectors_stale; ALTER TABLE datasets DROP COLUMN vectors_version;";

}  // namespace blockify::test
