#include "engine/pipeline/text/text_lexicon.h"

#include <initializer_list>

#include "engine/pipeline/text/text_hash.h"

namespace blockify::text {
namespace {

// The word lists are laid out by hand, a line of words at a time.
// clang-format off
constexpr std::string_view kStopWords[] = {
    "a", "about", "above", "across", "after", "again", "against", "all", "almost", "along",
    "already", "also", "although", "always", "am", "among", "an", "and", "another", "any",
    "anything", "are", "aren't", "around", "as", "at", "be", "because", "been", "before",
    "being", "below", "between", "both", "but", "by", "can", "can't", "cannot", "could",
    "couldn't", "did", "didn't", "do", "does", "doesn't", "doing", "don't", "done", "down",
    "during", "each", "either", "else", "enough", "etc", "e.g", "eg", "even", "ever", "every",
    "few", "for", "from", "further", "get", "gets", "getting", "got", "had", "hadn't", "has",
    "hasn't", "have", "haven't", "having", "he", "her", "here", "hers", "herself", "him",
    "himself", "his", "how", "however", "i", "i.e", "ie", "if", "in", "into", "is", "isn't",
    "it", "it's", "its", "itself", "just", "least", "less", "let", "let's", "like", "likely",
    "lot", "lots", "made", "make", "makes", "many", "may", "maybe", "me", "might", "more",
    "most", "mostly", "much", "must", "my", "myself", "need", "needs", "neither", "never",
    "no", "nor", "not", "nothing", "now", "of", "off", "often", "on", "once", "one", "only",
    "onto", "or", "other", "others", "otherwise", "our", "ours", "ourselves", "out", "over",
    "own", "per", "perhaps", "quite", "rather", "really", "said", "same", "say", "says", "see",
    "seen", "shall", "she", "should", "shouldn't", "since", "so", "some", "something",
    "sometimes", "still", "such", "sure", "than", "that", "that's", "the", "their", "theirs",
    "them", "themselves", "then", "there", "there's", "these", "they", "thing", "things",
    "this", "those", "though", "through", "thus", "to", "too", "toward", "towards", "two",
    "three", "under", "until", "up", "upon", "us", "use", "used", "uses", "using", "usually",
    "very", "via", "was", "wasn't", "way", "ways", "we", "well", "were", "weren't", "what",
    "whatever", "when", "whenever", "where", "wherever", "whether", "which", "while", "who",
    "whom", "whose", "why", "will", "with", "within", "without", "won't", "would",
    "wouldn't", "yes", "yet", "you", "your", "yours", "yourself", "yourselves", "i'm",
    "you're", "we're", "they're", "i've", "you've", "we've", "they've", "you'll", "we'll",
    "it'll", "able", "also", "s", "t", "first", "second", "third", "next", "last", "new",
    "want", "wants", "take", "takes", "put", "puts", "come", "comes", "go", "goes", "give",
    "gives", "instead", "whole", "several", "certain", "mainly"};

constexpr std::string_view kWeakEdges[] = {
    "click", "select", "open", "run", "runs", "choose", "enter", "press", "type", "add",
    "adds", "remove", "removes", "delete", "create", "creates", "provide", "provides",
    "provided", "allow", "allows", "allowed", "include", "includes", "including", "contain",
    "contains", "enable", "enables", "ensure", "ensures", "help", "helps", "show", "shows",
    "shown", "keep", "keeps", "start", "starts", "stop", "stops", "follow", "following",
    "turn", "important", "different", "various", "main", "good", "best", "better", "large",
    "small", "high", "low", "simple", "easy", "easily", "quickly", "automatically",
    "currently", "typically", "generally", "especially", "directly", "fully", "only",
    "additional", "available", "possible", "specific", "particular", "similar", "related",
    "specified", "respectively", "called", "known", "based", "means", "refers", "defined",
    "given", "always", "usually", "often", "also", "set", "sets", "become", "becomes",
    "appear", "appears", "happen", "happens", "check", "wait", "find", "read", "write",
    "writes", "keep", "gets", "done", "true", "false", "step", "steps", "example",
    "examples", "way", "kind", "part", "number", "lot", "etc", "note", "please", "just",
    "require", "requires", "support", "supports", "work", "works", "let", "lets", "mean",
    "need", "describe", "describes", "explain", "explains", "return", "returns", "produce",
    "produces", "build", "builds", "read", "reads", "print", "prints", "handle", "handles",
    "store", "stores", "send", "sends", "receive", "receives", "call", "calls", "change",
    "changes", "try", "tries", "exist", "exists", "depend", "depends", "seem", "seems",
    "expect", "expects", "fell", "rose", "grew", "came", "went", "took", "gave", "found", "told",
    "thought", "began", "kept", "held", "brought", "plan", "plans", "hire", "hires", "serve",
    "serves", "open", "opens", "publish", "publishes", "point", "points", "rise", "rises", "fall",
    "falls", "grow", "grows", "know", "knows", "think", "thinks", "believe", "believes", "feel",
    "feels", "lead", "leads", "leave", "leaves", "bring", "brings", "win", "wins", "lose", "loses"};

constexpr std::string_view kImperatives[] = {
    "click", "open", "select", "choose", "run", "install", "configure", "enter", "press",
    "type", "go", "navigate", "set", "create", "add", "remove", "delete", "drag", "drop",
    "save", "use", "start", "stop", "restart", "download", "upload", "check", "make",
    "ensure", "follow", "copy", "paste", "connect", "launch", "enable", "disable", "update",
    "edit", "review", "verify", "confirm", "wait", "close", "exit", "sign", "log", "tap",
    "switch", "move", "rename", "export", "import", "pick", "specify", "provide", "insert",
    "attach", "apply", "retry", "cancel", "find", "search", "read", "write", "keep", "avoid",
    "do", "don't", "never", "always", "let", "double-click", "right-click", "scroll",
    "expand", "collapse", "replace", "fill", "submit", "return", "turn", "plug", "unplug",
    "hold", "release", "mount", "unmount", "build", "compile", "test", "measure", "mix",
    "add", "place", "insert", "remember", "try", "contact", "call", "visit", "see"};

constexpr std::string_view kWeekdays[] = {
    "Monday", "Tuesday", "Wednesday", "Thursday",
                              "Friday", "Saturday", "Sunday"};

constexpr std::string_view kUnits[] = {
    "ms", "msec", "sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes",
    "hr", "hrs", "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year",
    "years", "ns", "us", "µs", "kb", "mb", "gb", "tb", "pb", "kib", "mib", "gib", "tib",
    "byte", "bytes", "bit", "bits", "kbps", "mbps", "gbps", "hz", "khz", "mhz", "ghz", "mg",
    "kg", "lb", "lbs", "oz", "mm", "cm", "km", "ft", "mi", "mile", "miles", "meter",
    "meters", "metre", "metres", "kilometers", "kilometres", "inch", "inches", "kw", "kwh",
    "mw", "mwh", "watt", "watts", "volt", "volts", "mah", "px", "dpi", "fps", "rpm", "ppm",
    "percent", "pct", "usd", "eur", "gbp", "dollars", "euros", "pounds", "times", "degrees",
    "liters", "litres", "ml", "gigabytes", "megabytes", "terabytes", "kilobytes", "tokens",
    "cores", "characters", "words", "pages", "users", "requests", "rows"};

constexpr std::string_view kScaleWords[] = {
    "thousand", "million", "billion", "trillion", "k", "m", "bn"};

constexpr std::string_view kTechnologies[] = {
    "API", "SQL", "SQLite", "PostgreSQL", "MySQL", "NoSQL", "PDF", "GPU", "CPU", "RAM",
    "SSD", "HDD", "USB", "Linux", "Windows", "macOS", "iOS", "Android", "Unix", "Ubuntu",
    "Debian", "Python", "Java", "JavaScript", "TypeScript", "C++", "C#", "Rust", "Golang",
    "Kotlin", "Swift", "Ruby", "PHP", "Perl", "HTML", "CSS", "JSON", "JSONL", "XML", "YAML",
    "CSV", "HTTP", "HTTPS", "REST", "GraphQL", "TCP", "UDP", "DNS", "SSH", "SSL", "TLS",
    "VPN", "OAuth", "Wi-Fi", "WiFi", "Bluetooth", "Docker", "Kubernetes", "AWS", "Azure",
    "GCP", "Git", "GitHub", "GitLab", "LLM", "AI", "ML", "NLP", "OCR", "RAG", "GPT",
    "OpenAI", "CUDA", "OpenGL", "Vulkan", "ImGui", "GLFW", "UTF-8", "Unicode", "ASCII",
    "ZIP", "DOCX", "PPTX", "XLSX", "Excel", "PowerPoint", "Node.js", "React", "Angular",
    "Redis", "Kafka", "Hadoop", "TensorFlow", "PyTorch", "LaTeX", "Markdown", "URL", "URI",
    "SDK", "CLI", "GUI", "IDE", "IoT", "LTE", "5G", "4G", "Ethernet", "JPEG", "PNG", "SVG",
    "MP4", "BIOS", "UEFI", "NVMe", "SATA", "x86", "ARM", "RISC-V", "llama.cpp", "vLLM",
    "MinHash", "LSH", "HTTP/2", "WebSocket", "JWT", "SAML", "LDAP", "SMTP", "IMAP", "FTP",
    "SFTP", "RSS", "OpenAPI", "Jupyter", "NumPy", "pandas", "Spark", "Elasticsearch",
    "MongoDB", "Oracle", "SAP", "Salesforce", "Chrome", "Firefox",
    "Safari", "Xcode", "Terraform", "Ansible", "Jenkins", "Nginx",
    "Apache", "Tomcat", "JVM", "WebAssembly", "Wasm", "ONNX", "BERT", "Transformer",
    "RAID", "NAS", "LAN", "WAN", "IPv4", "IPv6", "QR", "RFID", "NFC", "GPS", "HDMI"};

constexpr std::string_view kLocations[] = {
    "Afghanistan", "Argentina", "Australia", "Austria", "Bangladesh", "Belgium", "Brazil",
    "Canada", "Chile", "China", "Colombia", "Croatia", "Czechia", "Denmark", "Egypt",
    "Estonia", "Ethiopia", "Finland", "France", "Germany", "Ghana", "Greece", "Hungary",
    "Iceland", "India", "Indonesia", "Iran", "Iraq", "Ireland", "Israel", "Italy", "Japan",
    "Kenya", "Korea", "Latvia", "Lithuania", "Luxembourg", "Malaysia", "Mexico", "Morocco",
    "Netherlands", "Nigeria", "Norway", "Pakistan", "Peru", "Philippines", "Poland",
    "Portugal", "Romania", "Russia", "Singapore", "Slovakia", "Slovenia", "Spain", "Sweden",
    "Switzerland", "Taiwan", "Thailand", "Turkey", "Ukraine", "Vietnam", "England",
    "Scotland", "Wales", "Europe", "Asia", "Africa", "Oceania", "Antarctica", "Scandinavia",
    "California", "Texas", "Florida", "Bavaria", "Ontario", "Quebec", "London", "Paris",
    "Berlin", "Munich", "Hamburg", "Madrid", "Barcelona", "Rome", "Milan", "Vienna",
    "Zurich", "Zürich", "Geneva", "Amsterdam", "Brussels", "Dublin", "Lisbon", "Prague",
    "Warsaw", "Budapest", "Stockholm", "Oslo", "Copenhagen", "Helsinki", "Athens",
    "Istanbul", "Moscow", "Kyiv", "Cairo", "Nairobi", "Lagos", "Dubai", "Mumbai", "Delhi",
    "Bangalore", "Bengaluru", "Beijing", "Shanghai", "Shenzhen", "Tokyo", "Osaka", "Seoul",
    "Sydney", "Melbourne", "Toronto", "Vancouver", "Montreal", "Chicago", "Boston",
    "Seattle", "Austin", "Denver", "Atlanta", "Miami", "Houston", "Dallas", "Portland",
    "Washington", "Jakarta", "Manila", "Bangkok", "Hanoi", "Lima", "Santiago", "Bogota",
    "USA", "US", "UK", "EU", "UAE", "United States", "United Kingdom", "New York",
    "San Francisco", "Los Angeles", "San Diego", "San Jose", "Hong Kong", "South Korea",
    "North Korea", "South Africa", "New Zealand", "Saudi Arabia", "Costa Rica",
    "Buenos Aires", "Mexico City", "Cape Town", "Tel Aviv", "New Delhi", "Silicon Valley",
    "North America", "South America", "Latin America", "Middle East", "Sri Lanka",
    "Rio de Janeiro", "Sao Paulo", "São Paulo", "Las Vegas", "Abu Dhabi", "Kuala Lumpur",
    "Czech Republic", "United Arab Emirates", "Northern Ireland", "Washington D.C"};

constexpr std::string_view kOrganizationSuffixes[] = {
    "Inc", "Incorporated", "Ltd", "Limited", "LLC", "LLP", "Corp", "Corporation", "Company",
    "Co", "GmbH", "AG", "SA", "plc", "PLC", "NV", "BV", "University", "College", "Institute",
    "Foundation", "Association", "Agency", "Bank", "Group", "Labs", "Laboratories",
    "Laboratory", "Technologies", "Systems", "Solutions", "Partners", "Holdings", "Ministry",
    "Department", "Council", "Commission", "Committee", "Society", "Hospital", "Clinic",
    "School", "Academy", "Organization", "Organisation", "Authority", "Bureau",
    "Federation", "Consortium", "Institution", "Press", "Motors", "Airlines", "Industries"};

constexpr std::string_view kOrganizationHeads[] = {
    "University", "Bank", "Ministry", "Department", "Institute",
                              "College", "School", "Academy", "Board", "Office", "Museum",
                              "Bureau", "Council", "Federation", "Church"};

constexpr std::string_view kPersonTitles[] = {
    "Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Professor", "Sir",
                              "Dame", "Mx", "Rev", "Judge", "Senator", "Governor", "Mayor"};

constexpr std::string_view kPersonCuesBefore[] = {
    "by", "ceo", "cto", "cfo", "coo", "founder", "co-founder", "cofounder", "author",
    "engineer", "manager", "director", "president", "chairman", "chairwoman", "chair",
    "professor", "researcher", "scientist", "developer", "analyst", "colleague", "contact",
    "ask", "wrote", "named", "spokesperson", "minister", "lead", "editor", "designer",
    "architect", "consultant", "officer", "physician", "nurse", "teacher", "student",
    "according"};

constexpr std::string_view kPersonCuesAfter[] = {
    "said", "says", "wrote", "writes", "explained", "added",
                              "noted", "argued", "told", "founded", "joined", "led",
                              "recommends", "recommended", "announced", "stated"};

constexpr std::string_view kFirstNames[] = {
    "James", "John", "Robert", "Michael", "William", "David", "Richard", "Joseph", "Thomas",
    "Charles", "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan",
    "Jessica", "Sarah", "Karen", "Nancy", "Lisa", "Anna", "Maria", "Jane", "Emma", "Olivia",
    "Sophia", "Alice", "Bob", "Peter", "Paul", "Mark", "George", "Daniel", "Matthew",
    "Anthony", "Steven", "Andrew", "Kevin", "Brian", "Laura", "Emily", "Hannah", "Julia",
    "Lucy", "Kate", "Anne", "Ada", "Alan", "Grace", "Linus", "Tim", "Bill", "Steve",
    "Elon", "Satya", "Sundar", "Jeff", "Larry", "Sergey", "Marie", "Albert", "Isaac",
    "Carlos", "Juan", "Luis", "Ahmed", "Mohammed", "Wei", "Li", "Hiroshi", "Yuki", "Priya",
    "Raj", "Olga", "Ivan", "Hans", "Klaus", "Pierre", "Jean", "Sofia", "Lena", "Nina",
    "Martin", "Chris", "Alex", "Sam", "Tom", "Ben", "Max", "Eva", "Ella", "Oliver", "Jack"};

constexpr std::string_view kNotPlaces[] = {
    "Settings", "Preferences", "Options", "File", "Edit", "View", "Help", "Tools", "Menu",
    "Window", "Dashboard", "Chapter", "Section", "Figure", "Table", "Page", "Step",
    "Appendix", "Part", "Version", "Mode", "Tab", "Panel", "Jobs", "Job", "Details",
    "Search", "General", "Advanced", "Home", "Account", "Profile", "Library", "List",
    "Summary", "Overview", "Status", "Order", "Addition", "Fact", "Particular", "Total",
    "Practice", "Short", "General", "Case", "Progress", "English", "Advance"};

constexpr std::string_view kCommonCapsWords[] = {
    "OK", "FAQ", "ID", "IDs", "AM", "PM", "TODO", "NOTE", "WARNING", "IMPORTANT", "TIP",
    "CAUTION", "DANGER", "ASAP", "FYI", "NB", "PS", "II", "III", "IV", "VI", "VII", "VIII",
    "IX", "XI", "XII", "XX", "A", "I", "AND", "OR", "NOT", "THE", "NEW", "FREE", "YES",
    "NO", "ON", "OFF", "TBD", "N/A", "ETA", "DIY", "FAQS", "Q", "QA", "R&D", "VS", "AKA",
    "CEO", "CTO", "CFO", "COO", "VP", "HR", "PR", "IT"};

constexpr std::string_view kWarningCues[] = {"never", "don't", "avoid", "warning", "caution", "danger", "beware"};
constexpr std::string_view kRequirementCues[] = {"must", "required", "requires", "require", "mandatory",
                                                 "ensure", "important", "essential", "critical"};
constexpr std::string_view kProcessCues[] = {"step", "steps", "then", "finally", "afterwards", "procedure", "workflow"};
constexpr std::string_view kReasonCues[] = {"because", "therefore", "reason"};
constexpr std::string_view kComparisonCues[] = {"than", "unlike", "whereas", "versus", "compared"};
constexpr std::string_view kNoteCues[] = {"note", "key", "remember", "tip"};
constexpr std::string_view kPairCues[] = {"do", "must", "need", "needs", "due", "so", "in"};
constexpr std::string_view kDefinitionVerbs[] = {"is", "are", "means", "refers"};
constexpr std::string_view kDefinitionNexts[] = {"a", "an", "the", "one", "defined", "called", "known", "any"};
constexpr std::string_view kPronouns[] = {"it", "this", "that", "these", "those", "they", "there", "he",
                                          "she", "we", "you", "i", "here", "which", "what", "who", "each",
                                          "all", "some", "such", "one", "both", "everything", "nothing",
                                          "anything", "so", "and", "but"};
constexpr std::string_view kMonths[] = {"January", "February", "March", "April", "May", "June", "July",
                                        "August", "September", "October", "November", "December"};
constexpr std::string_view kMonthAbbreviations[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
// clang-format on

// All lists in one hash table, built on first use (thread-safe static initialisation,
// which matters because blockifier workers run in parallel).
class Lexicon {
 public:
  Lexicon() {
    flags_.reset(2048);
    places_.reset(256);
    add(kStopWords, kStopWord);
    add(kWeakEdges, kWeakEdge);
    add(kImperatives, kImperative);
    add(kUnits, kUnit);
    add(kScaleWords, kScale);
    add(kPersonCuesBefore, kPersonCueBefore);
    add(kPersonCuesAfter, kPersonCueAfter);
    add(kWarningCues, kWarningCue);
    add(kRequirementCues, kRequirementCue);
    add(kProcessCues, kProcessCue);
    add(kReasonCues, kReasonCue);
    add(kComparisonCues, kComparisonCue);
    add(kNoteCues, kNoteCue);
    add(kPairCues, kPairCue);
    add(kDefinitionVerbs, kDefinitionVerb);
    add(kDefinitionNexts, kDefinitionNext);
    add(kPronouns, kPronoun);
    add(kTechnologies, kTechnology);
    add(kMonths, kMonth);
    add(kMonthAbbreviations, kMonth);
    add(std::initializer_list<std::string_view>{"Sept"}, kMonth);
    add(kWeekdays, kWeekday);
    add(kOrganizationSuffixes, kOrganizationSuffix);
    add(kOrganizationHeads, kOrganizationHead);
    add(kPersonTitles, kPersonTitle);
    add(kFirstNames, kFirstName);
    add(kNotPlaces, kNotAPlace);
    add(kCommonCapsWords, kCommonCaps);
    bool inserted = false;
    for (std::string_view place : kLocations) {
      places_.find_or_insert(place, true, &inserted);
      if (place.find(' ') == std::string_view::npos) flags_.find_or_insert(place, 0, &inserted) |= kPlace;
    }
  }

  uint32_t lookup(std::string_view word) const {
    const uint32_t* flags = flags_.find(word);
    return flags ? *flags : 0;
  }
  bool is_place(std::string_view words) const { return places_.find(words) != nullptr; }

 private:
  template <typename Words>
  void add(const Words& words, uint32_t flag) {
    bool inserted = false;
    for (std::string_view word : words) flags_.find_or_insert(word, 0, &inserted) |= flag;
  }

  FlatWordMap<uint32_t> flags_;
  FlatWordMap<bool> places_;
};

const Lexicon& lexicon() {
  static const Lexicon instance;
  return instance;
}

constexpr uint32_t kLowerFlags = kFirstExactFlag - 1;

}  // namespace

uint32_t word_flags(std::string_view word, std::string_view lower) {
  return word_flags(word, lower, word != lower);
}

uint32_t word_flags(std::string_view word, std::string_view lower, bool has_capital) {
  const Lexicon& lex = lexicon();
  const uint32_t from_lower = lex.lookup(lower);
  if (!has_capital) return from_lower;
  return (from_lower & kLowerFlags) | (lex.lookup(word) & ~kLowerFlags);
}

int month_number(std::string_view word) {
  for (int m = 0; m < 12; ++m)
    if (word == kMonths[m] || word == kMonthAbbreviations[m]) return m + 1;
  return word == "Sept" ? 9 : 0;
}

bool is_location(std::string_view words) { return lexicon().is_place(words); }

}  // namespace blockify::text
