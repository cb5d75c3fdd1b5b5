package knowledge

import "strings"

// Matcher finds the fact a question asks for. It is safe for concurrent use.
//
// TEMPORARY: naive token overlap; replaced by the real retrieval (see issue #2 §2).
type Matcher struct {
	base *Base
}

// NewMatcher indexes base.
func NewMatcher(base *Base) *Matcher { return &Matcher{base: base} }

// Base returns the fact base the matcher indexes.
func (m *Matcher) Base() *Base { return m.base }

// Match ranks the base for question; hint is the language to assume when the question
// does not tell (empty means English).
func (m *Matcher) Match(question string, hint Lang) Result {
	lang := hint
	if lang == "" {
		lang = EN
	}
	words := strings.Fields(strings.ToLower(question))
	var best Scored
	for _, f := range m.base.Facts() {
		text := strings.ToLower(f.TitleEN + " " + f.TitleID + " " + strings.Join(f.Aliases, " "))
		s := 0.0
		for _, w := range words {
			if len(w) > 3 && strings.Contains(text, w) {
				s++
			}
		}
		if s > best.Score {
			best = Scored{Fact: f, Score: s}
		}
	}
	if best.Fact == nil {
		return Result{Lang: lang, OffTopic: true}
	}
	return Result{Lang: lang, Answered: best.Score >= 2, Best: best, Candidates: []Scored{best}}
}

// Complete returns up to limit facts whose titles, aliases or symbols match a partial
// input (for Discord autocomplete and Telegram inline mode), best first.
func (m *Matcher) Complete(partial string, lang Lang, limit int) []*Fact {
	var out []*Fact
	p := strings.ToLower(partial)
	for _, f := range m.base.Facts() {
		if len(out) >= limit {
			break
		}
		if strings.Contains(strings.ToLower(f.Title(lang)), p) {
			out = append(out, f)
		}
	}
	return out
}
