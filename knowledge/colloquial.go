package knowledge

import "strings"

// This file maps chat forms the vocabulary cannot list onto standard words:
// colloquial verb morphology (-in, ng-/ny-) and stretched letters.

// correct maps a word the base has never seen onto one it has: first through
// colloquial Indonesian verb forms (sebutin → sebutkan, ngajuin → mengajukan,
// nyerang → menyerang), which are not typos, then through the speller.
func (m *Matcher) correct(w string) (string, int) {
	if to, ok := m.base.chatForms[w]; ok {
		return to, 0 // a fact pack's chat form, not a typo
	}
	if _, ok := m.spell.known[w]; ok {
		return "", 0
	}
	var buf [3]string
	for _, c := range chatSpellingForms(buf[:0], w) {
		if to, ok := colloquial[c]; ok {
			// "kpnnnn", "blmm", "kelarnya", "dluncurin": a chat spelling
			// stretched, suffixed or shortened stands for its word as the
			// plain chat spelling does ("kapan", "belum", "selesai").
			return to, 0
		}
	}
	for _, c := range colloquialForms(w) {
		if _, ok := m.spell.known[c]; ok {
			return c, 0
		}
		if m.ix.lookup(m.stems.stemID(c)) >= 0 {
			return c, 0
		}
		if _, ok := conceptByInflection(c, m.stems); ok {
			// A word the concept table replaces everywhere ("terbitnya"
			// → issue) is in no fact under its own spelling.
			return c, 0
		}
	}
	return m.spell.correct(w)
}

// colloquialForms lists standard spellings a colloquial Indonesian verb may stand
// for: the -in suffix for -kan/-i, and the bare nasal prefix ng-/ny-/nge- for me-.
func colloquialForms(w string) []string {
	if len(w) < 4 {
		return nil
	}
	var out []string
	// Stretched words: "apaaa", "gimanaaa", "siapaa" → "apa", "gimana", "siapa".
	if sq := squeezeRepeats(w); sq != w {
		out = append(out, sq)
		if c, ok := colloquial[sq]; ok {
			out = append(out, c)
		}
	}
	// Vowel-dropped chat spellings leave two consonants where the word opens
	// with a consonant and e ("trbit" → "terbit", "brsama" → "bersama",
	// "mnjadi" → "menjadi"): the e comes back.
	if !isVowelByte(w[0]) && !isVowelByte(w[1]) && w[1] != 'y' {
		out = append(out, w[:1]+"e"+w[1:])
	}
	if len(w) < 5 {
		return out
	}
	// Code-mixing wraps English words in Indonesian affixes: "divote",
	// "di-sign" (passive di-), "meeting-nya", "forcenya" (-nya). The bare English
	// word is what the base knows.
	if strings.HasPrefix(w, "di") && len(w) >= 6 {
		out = append(out, strings.TrimPrefix(w[2:], "-"))
	}
	if strings.HasSuffix(w, "nya") && len(w) >= 7 {
		out = append(out, strings.TrimSuffix(w[:len(w)-3], "-"))
	}
	stems := []string{w}
	if strings.HasSuffix(w, "in") {
		b := w[:len(w)-2]
		stems = append(stems, b+"kan", b+"i", b)
	}
	for _, s := range stems {
		if s != w {
			out = append(out, s)
		}
		switch {
		case strings.HasPrefix(s, "nge") && len(s) > 5:
			// "ngebahas" → "membahas", but "ngesahin" → "mengesahkan": the e
			// may be the prefix's or the root's.
			out = append(out, mePrefix(s[3:])+s[3:], "me"+s)
		case strings.HasPrefix(s, "ng"):
			out = append(out, "me"+s)
			if isVowelByte(s[2]) {
				// Chat drops the h of h- roots after ng-: "ngasilin" →
				// "menghasilkan", "ngapus" → "menghapus".
				out = append(out, "mengh"+s[2:])
			}
		case strings.HasPrefix(s, "ny"):
			out = append(out, "me"+s)
		case (s[0] == 'n' || s[0] == 'm') && isVowelByte(s[1]):
			// The bare nasal that replaced t- or p-: "nentuin" → "menentukan",
			// "milih" → "memilih".
			out = append(out, "me"+s)
		}
	}
	return out
}

// chatSpellingForms lists what a chat spelling may have been before it was
// stretched ("kpnnnn", "brpp"), given -nya ("kelarnya") or had the i of di-
// dropped ("dluncurin"): forms to look up among the chat spellings themselves,
// appended to out.
func chatSpellingForms(out []string, w string) []string {
	if len(w) < 3 {
		return out
	}
	sq := squeezeRepeats(w)
	if n := len(sq); n >= 3 && sq[n-1] == sq[n-2] && !isVowelByte(sq[n-1]) {
		sq = sq[:n-1] // a doubled last consonant: "blmm", "kpnn"
	}
	if sq != w {
		out = append(out, sq)
	}
	if strings.HasSuffix(w, "nya") && len(w) >= 6 {
		out = append(out, w[:len(w)-3])
	}
	if w[0] == 'd' && !isVowelByte(w[1]) && w[1] != 'y' {
		out = append(out, "di"+w[1:])
	}
	return out
}

// mePrefix is the form of the me- prefix before rest (nasal assimilation):
// mem- before b/p/f, men- before d/t/c/j, meny- before s, meng- before vowels and
// g/k/h, me- otherwise ("ngebahas" → "membahas", "ngedukung" → "mendukung").
func mePrefix(rest string) string {
	switch rest[0] {
	case 'b', 'p', 'f':
		return "mem"
	case 'd', 't', 'c', 'j':
		return "men"
	case 's':
		return "meny"
	case 'a', 'e', 'i', 'o', 'u', 'g', 'k', 'h':
		return "meng"
	}
	return "me"
}

// squeezeRepeats drops a vowel repeated at the end of a word ("apaaa" → "apa")
// and shortens any run of three or more equal letters to one ("sooo" → "so").
func squeezeRepeats(w string) string {
	b := []byte(w)
	out := b[:0:0]
	for i := 0; i < len(b); {
		j := i
		for j < len(b) && b[j] == b[i] {
			j++
		}
		n := j - i
		if n >= 3 || (n == 2 && j == len(b) && isVowelByte(b[i])) {
			n = 1
		}
		for k := 0; k < n; k++ {
			out = append(out, b[i])
		}
		i = j
	}
	return string(out)
}

// splitGlued splits a word typed without the space between two words
// ("konvensibudapest", "globalmechanism", "GGEkeenam") into them, when the word
// is unknown and both halves are words the base knows: each at least four letters
// long, or the short name of a body ("gge", "poa"). Of several splits the one with
// the longer first word is taken. raw is returned as is when nothing is split.
func (m *Matcher) splitGlued(raw []rawToken) []rawToken {
	var out []rawToken
	for i, t := range raw {
		l, r, ok := m.gluedHalves(t)
		if !ok {
			if out != nil {
				out = append(out, t)
			}
			continue
		}
		if out == nil {
			out = append(make([]rawToken, 0, len(raw)+1), raw[:i]...)
		}
		out = append(out, rawToken{l, tokWord}, rawToken{r, tokWord})
	}
	if out == nil {
		return raw
	}
	return out
}

func (m *Matcher) gluedHalves(t rawToken) (string, string, bool) {
	w := t.text
	if t.kind != tokWord || len(w) < 7 || !isASCIILetters(w) || m.knownWord(w) {
		return "", "", false
	}
	for k := len(w) - 3; k >= 3; k-- {
		if m.gluedPart(w[:k]) && m.gluedPart(w[k:]) {
			return w[:k], w[k:], true
		}
	}
	return "", "", false
}

// knownWord: w is a word the base, the chat spellings or the stop lists know.
func (m *Matcher) knownWord(w string) bool {
	if _, ok := m.spell.known[w]; ok {
		return true
	}
	if _, ok := colloquial[w]; ok {
		return true
	}
	return stopEN[w] || stopID[w] || len(lex.byFirst[w]) > 0 || m.base.chatForms[w] != ""
}

// gluedPart: p can be one half of a glued word.
func (m *Matcher) gluedPart(p string) bool {
	if entityConcepts[p] {
		return true
	}
	if len(p) < 4 || stopEN[p] || stopID[p] {
		return false
	}
	_, known := m.spell.known[p]
	return known || len(lex.byFirst[p]) > 0
}

func isASCIILetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}
