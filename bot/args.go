package bot

import (
	"strconv"
	"strings"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// ArgKind is what an argument of a command holds, so that a platform with typed
// command options (Discord's slash commands) can offer the right input for it.
type ArgKind int

// Argument kinds.
const (
	ArgText   ArgKind = iota // free text
	ArgFactID                // a fact id or title
	ArgTopic                 // a topic key; the command table offers the base's topics as choices
	ArgChoice                // one of Choices
	ArgYear                  // a single year; when given, it wins over a range
	ArgFrom                  // the first year of a range (Min when only the end is given)
	ArgTo                    // the last year of a range (this year when only the start is given)
	ArgFlag                  // a switch; when on, Word leads the command line ("/timeline chart …")
)

// ArgSpec describes one argument of a command for typed inputs. The command line stays
// the bot's one grammar: CommandInfo.Line writes typed values back into it.
type ArgSpec struct {
	Name   string // "question"; 1–32 lowercase letters, digits or _
	NameID string // the Indonesian name ("pertanyaan"), empty when the same
	Kind   ArgKind
	// DescriptionEN and DescriptionID say what to give, at most 100 characters.
	DescriptionEN, DescriptionID string
	Required                     bool
	// Complete offers completions from the fact base as the user types (fact titles).
	Complete bool
	// MaxRunes caps free text; 0 means no cap of the command's own.
	MaxRunes int
	// Min and Max bound a year.
	Min, Max int
	// Choices are the values an ArgChoice or ArgTopic takes.
	Choices []ArgOption
	// Word is what an ArgFlag writes into the command line when on.
	Word string
}

// ArgOption is one value an argument may take, with its labels.
type ArgOption struct {
	Value            string
	LabelEN, LabelID string // LabelID empty: the same in both languages
}

// Visibility says who sees the replies to a command where a platform can show them to
// the asker alone (Discord's ephemeral replies).
type Visibility int

// Visibilities.
const (
	VisibleAsConfigured Visibility = iota // as the platform is configured
	VisiblePublic                         // always to the whole chat: a quiz only its asker could see and answer defeats it
)

// optionalText is an optional free-text argument described by its name alone.
func optionalText(name string) ArgSpec {
	return ArgSpec{Name: name, Kind: ArgText, MaxRunes: DefaultMaxQuestionRunes,
		DescriptionEN: "Optional: " + name, DescriptionID: "Opsional: " + name}
}

// topicChoices are the base's topics as argument choices.
func topicChoices() []ArgOption {
	var out []ArgOption
	for _, t := range knowledge.AllTopics() {
		out = append(out, ArgOption{Value: t.Key, LabelEN: t.LabelEN, LabelID: t.LabelID})
	}
	return out
}

// withChoices returns the specs with the topic arguments' choices filled in.
func withChoices(specs []ArgSpec) []ArgSpec {
	if len(specs) == 0 {
		return nil
	}
	out := append([]ArgSpec(nil), specs...)
	for i := range out {
		if out[i].Kind == ArgTopic && out[i].Choices == nil {
			out[i].Choices = topicChoices()
		}
	}
	return out
}

// Line writes a command with typed argument values (by argument name, already cleaned
// of line breaks) as the command line the bot parses: flags first, then the
// arguments in the order of Args, a range as "from-to". thisYear closes a range
// given only its start.
func (c CommandInfo) Line(values map[string]string, thisYear int) string {
	words := []string{"/" + c.Name}
	for _, a := range c.Args {
		if a.Kind == ArgFlag && values[a.Name] == "true" {
			words = append(words, a.Word)
		}
	}
	year, from, to, minYear := 0, 0, 0, 0
	for _, a := range c.Args {
		v := values[a.Name]
		switch a.Kind {
		case ArgFlag:
		case ArgYear:
			if year = number(v); year != 0 {
				words = append(words, strconv.Itoa(year))
			}
		case ArgFrom:
			from, minYear = number(v), a.Min
		case ArgTo:
			to = number(v)
			if year != 0 || from == 0 && to == 0 {
				continue
			}
			if from == 0 {
				from = minYear
			}
			if to == 0 {
				to = max(thisYear, from)
			}
			if from > to {
				from, to = to, from
			}
			words = append(words, strconv.Itoa(from)+"-"+strconv.Itoa(to))
		default:
			if v != "" {
				words = append(words, v)
			}
		}
	}
	return strings.Join(words, " ")
}

// number reads a typed number ("2015", "2015.0"); 0 when there is none.
func number(s string) int {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0
	}
	return int(f)
}
