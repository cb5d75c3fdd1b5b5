package knowledge

import (
	"slices"
	"sort"
	"unicode/utf8"
)

// typoBudget is the number of edits a word of n runes may carry and still be
// recognised: none below 4 runes (too many short words are one edit apart), one
// for 4–7, two from 8 — the tiers search engines call "AUTO" fuzziness.
func typoBudget(n int) int {
	switch {
	case n < 4:
		return 0
	case n < 8:
		return 1
	}
	return 2
}

// speller repairs misspelled words against a known vocabulary with a symmetric
// deletion index (SymSpell): every target word is stored under each of its
// deletion variants within its budget, so a query word needs only its own
// deletion variants looked up, and candidates are then verified with the
// optimal-string-alignment (restricted Damerau-Levenshtein) distance. Lookups cost
// a few hundred nanoseconds instead of a scan of the vocabulary.
type speller struct {
	known map[string]int // every word form the matcher knows -> frequency
	words []string       // correction targets, sorted (indexes are stable)
	names []bool         // per target: a name (see targetName), not only a phrasing word
	ids   []int32        // ids[i] == i, for allocation-free one-word lookups
	// del maps the hash of a deletion variant to a word index, or, where several
	// words share the variant, to -(i+1) for the list multi[i]. Most variants
	// belong to one word, so this saves a slice per variant.
	del   map[uint64]int32
	multi [][]int32
}

// newSpeller indexes targets (the words worth correcting to: those of phrasings,
// aliases, titles and the concept table) and remembers known, the larger set of
// words that are never corrected because they are spelled right.
func newSpeller(known map[string]int, targets map[string]targetKind) *speller {
	s := &speller{known: known, del: make(map[uint64]int32, len(targets)*24)}
	for w, k := range targets {
		if k > notTarget {
			s.words = append(s.words, w)
		}
	}
	sort.Strings(s.words)
	s.names = make([]bool, len(s.words))
	s.ids = make([]int32, len(s.words))
	for i := range s.ids {
		s.ids[i] = int32(i)
	}
	for i, w := range s.words {
		s.names[i] = targets[w] == targetName
	}
	var buf [maxTypoRunes]rune
	for i, w := range s.words {
		n := utf8.RuneCountInString(w)
		if typoBudget(n) == 0 || n > maxTypoRunes {
			continue
		}
		rs := buf[:0]
		for _, r := range w {
			rs = append(rs, r)
		}
		s.addDeletes(rs, typoBudget(n), int32(i), 0)
	}
	return s
}

// targetKind says what a known word may be corrected to.
type targetKind uint8

const (
	notTarget      targetKind = iota // known, never a correction (answer-only words)
	targetPhrasing                   // a word of the curated phrasings
	targetName                       // a word of a name: alias, title, body, chair, concept
)

// maxTypoRunes bounds the words the speller handles (longer ones are not words).
const maxTypoRunes = 40

// addDeletes stores rs and its deletion variants up to depth. Deletions are
// made at positions from start on, so each set of deleted positions is made once.
func (s *speller) addDeletes(rs []rune, depth int, idx int32, start int) {
	h := hashRunes(rs)
	switch v, ok := s.del[h]; {
	case !ok:
		s.del[h] = idx
	case v >= 0:
		if v != idx {
			s.multi = append(s.multi, []int32{v, idx})
			s.del[h] = -int32(len(s.multi))
		}
	default:
		if list := s.multi[-v-1]; list[len(list)-1] != idx {
			s.multi[-v-1] = append(list, idx)
		}
	}
	if depth == 0 || len(rs) <= 1 {
		return
	}
	var buf [maxTypoRunes]rune
	for i := start; i < len(rs); i++ {
		if i > start && rs[i] == rs[i-1] {
			continue // deleting either of two equal neighbours gives the same variant
		}
		v := append(buf[:0], rs[:i]...)
		v = append(v, rs[i+1:]...)
		s.addDeletes(v, depth-1, idx, i)
	}
}

// hashRunes is FNV-1a over the runes: allocation-free, and collisions only cost
// an extra distance check.
func hashRunes(rs []rune) uint64 {
	h := uint64(14695981039346656037)
	for _, r := range rs {
		h ^= uint64(r)
		h *= 1099511628211
	}
	return h
}

// lookup returns the words stored under a variant hash.
func (s *speller) lookup(h uint64) []int32 {
	v, ok := s.del[h]
	switch {
	case !ok:
		return nil
	case v >= 0:
		return s.one(v)
	}
	return s.multi[-v-1]
}

// one returns a one-element view of idx without allocating: words[i:i+1] of an
// identity table would need one; a slice of a shared index table does not.
func (s *speller) one(idx int32) []int32 { return s.ids[idx : idx+1] }

// correct returns the known word closest to w within w's budget, and the number of
// edits; "" when w is known, too short, or has no close known word. Ties go to
// the more frequent word, then the alphabetically first.
func (s *speller) correct(w string) (string, int) {
	if _, ok := s.known[w]; ok {
		return "", 0
	}
	n := utf8.RuneCountInString(w)
	budget := typoBudget(n)
	if n == 3 {
		// A three-letter word is too short to repair in general, but one with a
		// letter dropped from a four-letter name ("paris cal", "pall mal") is
		// repaired to that name (consider keeps only such candidates).
		budget = 1
	}
	if budget == 0 || n > maxTypoRunes {
		return "", 0
	}
	var stack [maxTypoRunes]rune
	rs := stack[:0]
	for _, r := range w {
		rs = append(rs, r)
	}
	var seen [32]int32
	q := typoSearch{s: s, rs: rs, budget: budget, best: -1, bestD: budget + 1, checked: seen[:0]}
	q.visit(rs, budget, 0)
	if q.best < 0 {
		return "", 0
	}
	return s.words[q.best], q.bestD
}

// typoSearch is one correct call: the word's runes, its budget and the best
// candidate so far.
type typoSearch struct {
	s      *speller
	rs     []rune
	budget int
	// best is the index of the best word (-1 for none), bestD its distance and
	// bestF its frequency.
	best, bestD, bestF int
	checked            []int32 // candidates already measured, up to its capacity
}

// visit considers the words stored under variant v, then under the variants
// that delete up to depth more runes from v at or after start.
func (q *typoSearch) visit(v []rune, depth, start int) {
	for _, idx := range q.s.lookup(hashRunes(v)) {
		q.consider(idx)
	}
	if depth == 0 || len(v) <= 1 {
		return
	}
	var buf [maxTypoRunes]rune
	for i := start; i < len(v); i++ {
		if i > start && v[i] == v[i-1] {
			continue
		}
		x := append(buf[:0], v[:i]...)
		x = append(x, v[i+1:]...)
		q.visit(x, depth-1, i)
	}
}

// consider measures the known word idx once and keeps it if it is the best so
// far.
func (q *typoSearch) consider(idx int32) {
	if slices.Contains(q.checked, idx) {
		return
	}
	if len(q.checked) < cap(q.checked) {
		q.checked = append(q.checked, idx)
	}
	cand := q.s.words[idx]
	if len(q.rs) < 6 && (firstRune(cand) != q.rs[0] || !q.s.names[idx]) {
		// Short words are corrected only to names, keeping their first
		// letter: most short words are a single edit from some other word
		// ("worm" → "norm", "work"), but a short name mistyped ("oewq",
		// "asaen", "bssm") is the typo worth catching.
		return
	}
	if len(q.rs) == 3 && utf8.RuneCountInString(cand) != 4 {
		return
	}
	d := osaDistance(q.rs, cand, q.budget)
	if d > q.budget {
		return
	}
	f := q.s.known[cand]
	if d < q.bestD || (d == q.bestD && (f > q.bestF || (f == q.bestF && cand < q.s.words[q.best]))) {
		q.best, q.bestD, q.bestF = int(idx), d, f
	}
}

// osaDistance is the optimal-string-alignment distance between a and b (insertions,
// deletions, substitutions and adjacent transpositions), giving up early once it
// must exceed max.
func osaDistance(a []rune, bs string, max int) int {
	var bbuf [48]rune
	b := append(bbuf[:0], []rune(bs)...)
	la, lb := len(a), len(b)
	if d := la - lb; d > max || -d > max {
		return max + 1
	}
	if la > 46 || lb > 46 {
		return max + 1
	}
	var rows [3][48]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= lb; j++ {
		prev[j] = j
	}
	for i := 1; i <= la; i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= lb; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := prev[j] + 1
			if x := cur[j-1] + 1; x < v {
				v = x
			}
			if x := prev[j-1] + cost; x < v {
				v = x
			}
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				if x := prev2[j-2] + 1; x < v {
					v = x
				}
			}
			cur[j] = v
			if v < rowMin {
				rowMin = v
			}
		}
		if rowMin > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[lb]
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
