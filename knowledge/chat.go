package knowledge

import (
	"bytes"
	_ "embed"
	"fmt"
	"strings"
	"unicode"

	"github.com/BurntSushi/toml"
)

// This file tells what kind of chat message a text is, before any retrieval: small
// talk (a greeting to the group, thanks, laughter, an acknowledgement), a request
// about the last answer in words ("sumbernya apa?"), an opinion or writing request,
// or a quiz answer given as a letter. The words live in vocab/chat.toml.

// Chatter is the kind of small talk a message is.
type Chatter uint8

// Kinds of small talk.
const (
	NoChatter Chatter = iota
	Greeting
	Thanks
	Farewell
	Laughter
	Ack
)

// String names the kind for logs and tests.
func (c Chatter) String() string {
	return [...]string{"none", "greeting", "thanks", "farewell", "laughter", "ack"}[c]
}

// Request is what a message asks about the chat's last answer.
type Request uint8

// Requests about the last answer.
const (
	NoRequest Request = iota
	WantSources
	WantCitation
	WantMore
)

// Understanding is the chat-level reading of one message.
type Understanding struct {
	// Chatter is set when the message is only small talk.
	Chatter Chatter
	// Request is set when the message asks, in words, for the last answer's sources,
	// a citation or more, and names no subject of its own.
	Request Request
	// Opinion: the message asks for a judgement or a prediction.
	Opinion bool
	// Writing: the message asks the bot to write an essay or paper.
	Writing bool
	// Clock: the message asks the time or the date, which is chatter outside the
	// field however it is worded.
	Clock bool
	// Timeline: the message asks, in words, for the timeline ("kronologi GGE dong"),
	// naming at most a topic and years, which TimelineArgs holds as /timeline
	// arguments ("gge 2015-2021").
	Timeline     bool
	TimelineArgs string
	// QuizOption is the option (0 for A or 1) the message picks when it reads as an
	// answer to a multiple-choice question, -1 otherwise.
	QuizOption int
}

//go:embed vocab/chat.toml
var chatVocabTOML []byte

// chatVocab is the compiled vocab/chat.toml.
type chatVocab struct {
	chatter       [Ack + 1]phraseSet
	filler        phraseSet
	requests      [WantMore + 1]phraseSet
	requestAround phraseSet
	opinion       phraseSet
	prediction    phraseSet
	schedule      phraseSet
	reported      phraseSet
	decision      phraseSet
	writing       phraseSet
	clock         phraseSet
	quizAround    phraseSet
	timeline      phraseSet
	timeAround    phraseSet
	// timeTopic maps a word to the timeline topic it names.
	timeTopic map[string]string
}

// phraseSet holds word sequences, looked up by their first word, longest first.
type phraseSet map[string][][]string

func (p phraseSet) add(phrase string) error {
	words := chatWords(phrase)
	if len(words) == 0 {
		return fmt.Errorf("empty entry %q", phrase)
	}
	list := append(p[words[0]], words)
	for i := len(list) - 1; i > 0 && len(list[i]) > len(list[i-1]); i-- {
		list[i], list[i-1] = list[i-1], list[i]
	}
	p[words[0]] = list
	return nil
}

// at returns the length of the longest phrase of p starting at words[i], 0 if none.
func (p phraseSet) at(words []string, i int) int {
	for _, ph := range p[words[i]] {
		if i+len(ph) > len(words) {
			continue
		}
		ok := true
		for k, w := range ph {
			if words[i+k] != w {
				ok = false
				break
			}
		}
		if ok {
			return len(ph)
		}
	}
	return 0
}

// contains reports whether any phrase of p occurs in words.
func (p phraseSet) contains(words []string) bool {
	for i := range words {
		if p.at(words, i) > 0 {
			return true
		}
	}
	return false
}

// chatWords lower-cases, strips marks and splits on anything but letters and digits,
// so "Makasih, kak!! 🙏" is ["makasih", "kak"].
func chatWords(s string) []string {
	return strings.FieldsFunc(normalize(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

var vocab = mustChatVocab(chatVocabTOML)

// mustChatVocab compiles the embedded vocabulary; it is part of the binary, so a
// broken file is a build defect that the package's tests catch.
func mustChatVocab(data []byte) *chatVocab {
	v, err := parseChatVocab(data)
	if err != nil {
		panic("knowledge: vocab/chat.toml: " + err.Error())
	}
	return v
}

func parseChatVocab(data []byte) (*chatVocab, error) {
	var raw struct {
		Chatter struct {
			Greeting, Thanks, Farewell, Laughter, Ack, Filler []string
		}
		Requests struct {
			Sources, Cite, More, Around []string
		}
		Opinion struct {
			Phrases, Prediction, Schedule, Reported, Decision, Writing []string
		}
		Offtopic struct {
			Clock []string
		}
		Quiz struct {
			Around []string
		}
		Timeline struct {
			Asks, Around, Topics []string
		}
	}
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&raw)
	if err != nil {
		return nil, err
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("unknown key %s", und[0])
	}
	v := &chatVocab{filler: phraseSet{}, requestAround: phraseSet{}, opinion: phraseSet{}, prediction: phraseSet{}, schedule: phraseSet{}, reported: phraseSet{}, decision: phraseSet{}, writing: phraseSet{}, clock: phraseSet{}, quizAround: phraseSet{}, timeline: phraseSet{}, timeAround: phraseSet{}, timeTopic: map[string]string{}}
	lists := []struct {
		name  string
		words []string
		set   *phraseSet
	}{
		{"chatter.greeting", raw.Chatter.Greeting, &v.chatter[Greeting]},
		{"chatter.thanks", raw.Chatter.Thanks, &v.chatter[Thanks]},
		{"chatter.farewell", raw.Chatter.Farewell, &v.chatter[Farewell]},
		{"chatter.laughter", raw.Chatter.Laughter, &v.chatter[Laughter]},
		{"chatter.ack", raw.Chatter.Ack, &v.chatter[Ack]},
		{"chatter.filler", raw.Chatter.Filler, &v.filler},
		{"requests.sources", raw.Requests.Sources, &v.requests[WantSources]},
		{"requests.cite", raw.Requests.Cite, &v.requests[WantCitation]},
		{"requests.more", raw.Requests.More, &v.requests[WantMore]},
		{"requests.around", raw.Requests.Around, &v.requestAround},
		{"opinion.phrases", raw.Opinion.Phrases, &v.opinion},
		{"opinion.prediction", raw.Opinion.Prediction, &v.prediction},
		{"opinion.schedule", raw.Opinion.Schedule, &v.schedule},
		{"opinion.reported", raw.Opinion.Reported, &v.reported},
		{"opinion.decision", raw.Opinion.Decision, &v.decision},
		{"opinion.writing", raw.Opinion.Writing, &v.writing},
		{"offtopic.clock", raw.Offtopic.Clock, &v.clock},
		{"quiz.around", raw.Quiz.Around, &v.quizAround},
		{"timeline.asks", raw.Timeline.Asks, &v.timeline},
		{"timeline.around", raw.Timeline.Around, &v.timeAround},
	}
	for _, l := range lists {
		if len(l.words) == 0 {
			return nil, fmt.Errorf("%s is empty", l.name)
		}
		if *l.set == nil {
			*l.set = phraseSet{}
		}
		for _, w := range l.words {
			if err := l.set.add(w); err != nil {
				return nil, fmt.Errorf("%s: %w", l.name, err)
			}
		}
	}
	if len(raw.Timeline.Topics) == 0 {
		return nil, fmt.Errorf("timeline.topics is empty")
	}
	for _, e := range raw.Timeline.Topics {
		key, word, ok := strings.Cut(e, ":")
		if _, known := LookupTopic(key); !ok || !known || word == "" {
			return nil, fmt.Errorf("timeline.topics: %q is not topic:word with a known topic", e)
		}
		v.timeTopic[word] = key
	}
	return v, nil
}

// Understand reads one message at chat level. It looks only at words, not at the
// fact base: whether a request or a follow-up applies is the caller's decision,
// since it depends on the chat's state.
func Understand(text string) Understanding {
	words := chatWords(text)
	u := Understanding{QuizOption: -1}
	if len(words) == 0 {
		if hasLaughterEmoji(text) {
			u.Chatter = Laughter
		}
		return u
	}
	u.Chatter = vocab.chatterOf(words)
	if u.Chatter != NoChatter {
		return u
	}
	u.QuizOption = vocab.quizOption(words)
	u.Request = vocab.requestOf(words)
	u.Opinion = vocab.opinion.contains(words) || vocab.decision.contains(words) ||
		vocab.prediction.contains(words) && !vocab.schedule.contains(words) && !vocab.reported.contains(words)
	u.Writing = vocab.writing.contains(words)
	u.Clock = vocab.clock.contains(words)
	u.TimelineArgs, u.Timeline = vocab.timelineOf(words)
	return u
}

// timelineOf reads a request for the timeline in words: a timeline word with, around
// it, only a topic, years and the words of timeline.around. It returns the topic and
// years as /timeline arguments.
func (v *chatVocab) timelineOf(words []string) (string, bool) {
	if len(words) > 12 || !v.timeline.contains(words) {
		return "", false
	}
	var topic string
	var years []string
	for i := 0; i < len(words); {
		w := words[i]
		if n := v.timeline.at(words, i); n > 0 {
			i += n
			continue
		}
		if n := v.timeAround.at(words, i); n > 0 {
			i += n
			continue
		}
		if t, ok := v.timeTopic[w]; ok {
			if topic != "" && topic != t {
				return "", false // two topics: a question about how they relate
			}
			topic = t
			i++
			continue
		}
		if len(w) == 4 && strings.Trim(w, "0123456789") == "" {
			years = append(years, w)
			i++
			continue
		}
		return "", false
	}
	args := topic
	switch len(years) {
	case 0:
	case 1:
		args += " " + years[0]
	default:
		args += " " + years[0] + "-" + years[len(years)-1]
	}
	return strings.TrimSpace(args), true
}

// chatterOf returns the kind of small talk words are, when every word is small
// talk or a filler; the first kind named wins ("makasih, bye" thanks), except that a
// greeting, thanks or farewell outranks laughter and nods ("wkwk makasih" thanks:
// it deserves a word back, where a nod in a group gets silence).
func (v *chatVocab) chatterOf(words []string) Chatter {
	kind := NoChatter
	onlyFiller := true
	for i := 0; i < len(words); {
		matched := false
		for k := Greeting; k <= Ack; k++ {
			if n := v.chatter[k].at(words, i); n > 0 {
				if kind == NoChatter || k < Laughter && kind >= Laughter {
					kind = k
				}
				i += n
				matched = true
				onlyFiller = false
				break
			}
		}
		if matched {
			continue
		}
		if isLaughter(words[i]) {
			if kind == NoChatter {
				kind = Laughter
			}
			onlyFiller = false
			i++
			continue
		}
		if n := v.filler.at(words, i); n > 0 {
			i += n
			continue
		}
		return NoChatter
	}
	if onlyFiller {
		// "bot?", "min": a summons with nothing asked is a greeting.
		return Greeting
	}
	return kind
}

// requestOf returns what the words ask about the last answer, when they are only a
// request word and the words around such requests.
func (v *chatVocab) requestOf(words []string) Request {
	if len(words) > 8 {
		return NoRequest
	}
	got := NoRequest
	for i := 0; i < len(words); {
		matched := false
		for r := WantSources; r <= WantMore; r++ {
			if n := v.requests[r].at(words, i); n > 0 {
				if got == NoRequest || r == WantCitation {
					got = r
				}
				i += n
				matched = true
				break
			}
		}
		if matched {
			continue
		}
		if n := v.requestAround.at(words, i); n > 0 {
			i += n
			continue
		}
		return NoRequest
	}
	return got
}

// quizOption reads "C", "yang c", "b kayaknya", "jawabannya 2" as an option index.
func (v *chatVocab) quizOption(words []string) int {
	opt := -1
	for i := 0; i < len(words); {
		w := words[i]
		if len(w) == 1 && opt < 0 {
			switch {
			case w[0] >= 'a' && w[0] <= 'd':
				opt = int(w[0] - 'a')
				i++
				continue
			case w[0] >= '1' && w[0] <= '4':
				opt = int(w[0] - '1')
				i++
				continue
			}
		}
		if n := v.quizAround.at(words, i); n > 0 {
			i += n
			continue
		}
		return -1
	}
	return opt
}

// isLaughter catches stretched laughter the list cannot enumerate: "wkwkwkwk",
// "hahahaha", "hehehe", "xixixi", "awkwkwk".
func isLaughter(w string) bool {
	if len(w) < 4 {
		return false
	}
	for _, unit := range []string{"wk", "kw", "ha", "he", "hi", "xi", "aw"} {
		rest := strings.TrimLeft(w, "a")
		ok := len(rest) >= 4
		for i := 0; ok && i < len(rest); i += 2 {
			ok = strings.HasPrefix(rest[i:], unit) || i == len(rest)-1 && rest[i] == unit[0]
		}
		if ok {
			return true
		}
	}
	return false
}

// hasLaughterEmoji: a message of only emoji is laughter or a reaction, never a question.
func hasLaughterEmoji(s string) bool {
	for _, r := range s {
		if r >= 0x1F300 && r <= 0x1FAFF || r >= 0x2600 && r <= 0x27BF {
			return true
		}
	}
	return false
}
