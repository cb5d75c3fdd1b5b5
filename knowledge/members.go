package knowledge

import (
	"strconv"
	"strings"
)

// This file reads a third signal a description carries from the facts'
// structured fields: who may sit on a body. "The group every UN member could
// join", "forum yg terbuka utk semua negara", "the 25-expert group", "yang
// anggotanya terbatas" name a body by its membership; the facts' members fields
// ("all", "25", "limited") say which body that is.

// validMembers reports whether s is a members value: "all", "limited" or a
// positive count.
func validMembers(s string) bool {
	if s == "all" || s == "limited" {
		return true
	}
	n, err := strconv.Atoi(s)
	return err == nil && n > 0 && strconv.Itoa(n) == s
}

// membersNear is how many tokens apart a membership word and what it counts or
// opens to may stand: "every UN member", "semua negara anggota", "25 negara".
const membersNear = 3

// membersAsked returns the membership the question describes a body by ("all",
// "limited" or a count) and the raw words that say it, "" when none.
func membersAsked(raw []rawToken) (string, []string) {
	group := false
	for _, t := range raw {
		group = group || membersGroup[t.text]
	}
	if !group {
		return "", nil
	}
	near := func(i int, set map[string]bool) int {
		for j := max(0, i-membersNear); j < min(len(raw), i+membersNear+1); j++ {
			if j != i && set[raw[j].text] {
				return j
			}
		}
		return -1
	}
	// Every membership word counts as description, so that "semua negara
	// anggota" beside "terbuka" does not pull toward a fact that repeats them.
	want, words := "", []string(nil)
	for i, t := range raw {
		switch {
		case t.kind == tokNumber:
			if j := near(i, membersNouns); j >= 0 && (want == "" || want == "all" || want == "limited") {
				want, words = strings.TrimLeft(t.text, "0"), append(words, t.text, raw[j].text)
			}
		case membersAll[t.text]:
			if j := near(i, membersNouns); j > i {
				words = append(words, t.text, raw[j].text)
				if want == "" || want == "limited" {
					want = "all"
				}
			}
		case membersOpen[t.text]:
			words = append(words, t.text)
			if want == "" || want == "limited" {
				want = "all"
			}
		case membersLimited[t.text]:
			words = append(words, t.text)
			if want == "" {
				want = "limited"
			}
		}
	}
	if want == "" {
		return "", nil
	}
	for i, t := range raw {
		if membersNouns[t.text] && near(i, membersAll) >= 0 {
			words = append(words, t.text)
		}
	}
	return want, words
}

// membersDescribed returns the body the analysed question names by who may sit
// on it, and the terms that name it, when exactly one body fits.
func (m *Matcher) membersDescribed(raw []rawToken, terms []aTerm) (*Fact, []aTerm, bool) {
	want, words := membersAsked(raw)
	if want == "" {
		return nil, nil, false
	}
	var desc []aTerm
	for _, w := range words {
		desc = append(desc, analyzeTokens(tokenize(w), stemBoth, m.stems, nil)...)
	}
	var cands []int
	for d := range m.structured {
		got := m.facts[d].Members
		// A limited body is any whose size is fixed; "all" and a count must agree.
		if got != "" && (got == want || want == "limited" && got != "all") {
			cands = append(cands, d)
		}
	}
	d := m.pickStructured(cands, terms, desc, func(d int) bool { return m.facts[d].Members == want })
	if d < 0 {
		return nil, nil, false
	}
	return m.facts[d], desc, true
}
