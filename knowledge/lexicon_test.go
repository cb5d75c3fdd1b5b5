package knowledge

import (
	"strings"
	"testing"
)

// A spelling listed under two concepts would silently belong to the first one;
// the table must say one thing per spelling.
func TestConceptSpellingsUnique(t *testing.T) {
	owner := map[string]string{}
	for _, c := range concepts {
		for _, p := range strings.Split(c.phrases, "|") {
			var words []string
			for _, tok := range tokenize(normalize(p)) {
				words = append(words, tok.text)
			}
			key := strings.Join(words, " ")
			if key == "" {
				t.Errorf("concept %s has an empty spelling", c.key)
				continue
			}
			if o, ok := owner[key]; ok && o != c.key {
				t.Errorf("spelling %q is listed under both %s and %s", key, o, c.key)
			}
			owner[key] = c.key
		}
	}
}

// Colloquial replacements must land on a word the pipeline knows what to do
// with, not on another chat spelling.
func TestColloquialTargetsAreStandard(t *testing.T) {
	for k, v := range colloquial {
		if _, chained := colloquial[v]; chained && v != k {
			t.Errorf("colloquial %q → %q, which is itself rewritten to %q", k, v, colloquial[v])
		}
	}
}

// Every concept phrase must be reachable: a spelling made of stop words only
// would still match (concepts are looked up first), but a spelling whose first
// word is rewritten by the colloquial table never would.
func TestConceptSpellingsReachable(t *testing.T) {
	for _, c := range concepts {
		for _, p := range strings.Split(c.phrases, "|") {
			toks := tokenize(normalize(p))
			if len(toks) == 0 {
				continue
			}
			if to, ok := colloquial[toks[0].text]; ok && to != toks[0].text {
				t.Errorf("concept %s spelling %q starts with %q, which is rewritten to %q first", c.key, p, toks[0].text, to)
			}
		}
	}
}
