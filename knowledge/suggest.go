package knowledge

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// This file offers name suggestions ("did you mean") with sahilm/fuzzy when a
// short question is a name typed partly or loosely.

// Name suggestions: a short question that is a name typed partly or loosely
// ("A/RES/73", "osce cbm", "tallin") may miss every exact term yet be close to a
// fact's name. sahilm/fuzzy (subsequence matching, research §C.2) finds those;
// they are only ever offered as suggestions, never answered.
const (
	maxNameQueryRunes  = 24
	maxNameQueryTokens = 3
	// minNameScore: the fuzzy score relative to the pattern matched against
	// itself; 0.5 keeps near-contiguous matches and drops scattered letters.
	minNameScore = 0.5
)

func (m *Matcher) suggestNames(question string, res *Result) {
	norm := strings.TrimSpace(normalize(question))
	if norm == "" || utf8.RuneCountInString(norm) > maxNameQueryRunes {
		return
	}
	toks := tokenize(norm)
	if len(toks) == 0 || len(toks) > maxNameQueryTokens {
		return
	}
	// The pattern is the question without its fillers ("apa", "dong"); greetings
	// and fillers alone get no suggestions.
	var kept []string
	for _, t := range toks {
		if t.kind != tokWord || !stopEN[t.text] && !stopID[t.text] && colloquial[t.text] == "" {
			kept = append(kept, t.text)
		}
	}
	pattern := strings.Join(kept, " ")
	if utf8.RuneCountInString(pattern) < 3 {
		return
	}
	scores := m.names.fuzzyScores(pattern, res.Lang, len(m.facts))
	if scores == nil {
		return
	}
	idx := make([]int, 0, 8)
	for i, s := range scores {
		if s >= minNameScore {
			idx = append(idx, i)
		}
	}
	sort.Slice(idx, func(a, b int) bool {
		if scores[idx[a]] != scores[idx[b]] {
			return scores[idx[a]] > scores[idx[b]]
		}
		return m.facts[idx[a]].ID < m.facts[idx[b]].ID
	})
	for _, i := range idx {
		if len(res.Suggestions) == maxSuggestions {
			break
		}
		f := m.facts[i]
		dup := false
		for _, s := range res.Suggestions {
			dup = dup || s == f
		}
		if !dup {
			res.Suggestions = append(res.Suggestions, f)
			res.OffTopic = false
		}
	}
}
