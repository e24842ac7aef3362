#pragma once
// Names of enum values kept as data: one constexpr table per enum and use (the name stored
// and printed by --json, the label a user reads), read both ways by the two lookups below.
// A table may name one value twice (an accepted alias); name_of answers the first.
// EnumValue does the same for anything else kept per value: a colour, a format.
#include <cstddef>
#include <optional>
#include <string_view>

namespace blockify {

template <typename E>
struct EnumName {
  E value;
  const char* name;
};

// The first name `table` gives `value`, or `fallback` when the table does not list it.
template <typename E, size_t N>
constexpr const char* name_of(const EnumName<E> (&table)[N], E value, const char* fallback = "unknown") {
  for (const EnumName<E>& entry : table)
    if (entry.value == value) return entry.name;
  return fallback;
}

// The value `table` names exactly `text` (case matters), if any.
template <typename E, size_t N>
constexpr std::optional<E> parse_of(const EnumName<E> (&table)[N], std::string_view text) {
  for (const EnumName<E>& entry : table)
    if (text == entry.name) return entry.value;
  return std::nullopt;
}

// Any other value kept per enum value (or per number), looked up the same way.
template <typename Key, typename T>
struct EnumValue {
  Key key;
  T value;
};

// What `table` keeps for `key`, or `fallback` when the table does not list it.
template <typename Key, typename T, size_t N>
constexpr T value_of(const EnumValue<Key, T> (&table)[N], Key key, T fallback) {
  for (const EnumValue<Key, T>& entry : table)
    if (entry.key == key) return entry.value;
  return fallback;
}

}  // namespace blockify
