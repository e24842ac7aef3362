// name_of and parse_of: the one lookup each way behind every enum's names.
#include "engine/domain/enum_names.h"

#include <doctest/doctest.h>

#include <string>

#include "engine/domain/job.h"
#include "engine/domain/state_machine.h"

using namespace blockify;

namespace {

enum class Shape { Circle, Square, Triangle };

// Square has an alias; Triangle is missing on purpose.
constexpr EnumName<Shape> kShapeNames[] = {
    {Shape::Circle, "circle"}, {Shape::Square, "square"}, {Shape::Square, "box"}};

}  // namespace

TEST_CASE("name_of answers the first name a value has, and the fallback for a value not listed") {
  CHECK(std::string(name_of(kShapeNames, Shape::Circle)) == "circle");
  CHECK(std::string(name_of(kShapeNames, Shape::Square)) == "square");
  CHECK(std::string(name_of(kShapeNames, Shape::Triangle)) == "unknown");
  CHECK(std::string(name_of(kShapeNames, Shape::Triangle, "none")) == "none");
  static_assert(name_of(kShapeNames, Shape::Square)[0] == 's');
}

TEST_CASE("parse_of reads every name, aliases included, and nothing else") {
  CHECK(parse_of(kShapeNames, "circle") == Shape::Circle);
  CHECK(parse_of(kShapeNames, "square") == Shape::Square);
  CHECK(parse_of(kShapeNames, "box") == Shape::Square);
  CHECK_FALSE(parse_of(kShapeNames, "Circle").has_value());
  CHECK_FALSE(parse_of(kShapeNames, "").has_value());
  CHECK_FALSE(parse_of(kShapeNames, "triangle").has_value());
}

TEST_CASE("the product's names read back to the value they name") {
  for (JobStatus s : {JobStatus::Pending, JobStatus::Processing, JobStatus::Cancelling, JobStatus::Completed,
                      JobStatus::Failed, JobStatus::Cancelled})
    CHECK(parse_job_status(to_string(s)) == s);
  for (Stage s : {Stage::Queued, Stage::Extract, Stage::Chunk, Stage::Blockify, Stage::Embed, Stage::Distill,
                  Stage::Export, Stage::Done})
    CHECK(parse_stage(to_string(s)) == s);
  CHECK(std::string(display_name(Stage::Embed)) == "Embeddings");
  CHECK(std::string(to_string(AttemptKind::FailedFiles)) == "failed-files");
  CHECK(std::string(to_string(JobCommand::Recover)) == "recover");
  CHECK_FALSE(parse_job_status("Pending").has_value());
}
