package knowledge

// stemID is a dictionary-free Indonesian stemmer after Tala (2003), "A Study of
// Stemming Effects on Information Retrieval in Bahasa Indonesia" — the algorithm
// Lucene's IndonesianStemmer and Snowball's indonesian.sbl implement. It removes,
// in order: a particle (-kah, -lah, -pun), a possessive (-ku, -mu, -nya), a
// first-order prefix (meng-, meny-, men-, mem-, me-, peng-, peny-, pen-, pem-, di-,
// ter-, ke-), then either a suffix (-kan, -an, -i) and a second-order prefix
// (ber-, bel-, be-, per-, pel-, pe-), or the other way round when no first-order
// prefix was found. Every removal costs one syllable of "measure" (the number of
// vowels), and nothing is removed from a word of two syllables or fewer, which
// keeps short roots such as "hukum", "perang" or "siber" intact.
//
// Nasal assimilation is undone where the rule is regular: meny-/peny- + vowel → s
// (menyerang → serang), men-/pen- + vowel → t (menahan → tahan, penulis → tulis),
// mem-/pem- + vowel → p (memukul → pukul, pemerintah → perintah); per- + vowel
// keeps its r (perundingan → runding), because the r there usually belongs to the
// root. Words without a vowel-count above two (and the input is lower-case ASCII or
// folded text) come back unchanged.
func stemID(word string) string {
	w := []byte(word)
	for _, c := range w {
		if c >= 0x80 {
			return word // folded text is ASCII for Indonesian; leave anything else alone
		}
	}
	m := measure(w)
	if m <= 2 {
		return word
	}
	// Particles and possessives come off first.
	for _, p := range []string{"kah", "lah", "pun"} {
		if hasSuffix(w, p) {
			w = w[:len(w)-len(p)]
			m--
			break
		}
	}
	if m > 2 {
		for _, p := range []string{"nya", "ku", "mu"} {
			if hasSuffix(w, p) {
				w = w[:len(w)-len(p)]
				m--
				break
			}
		}
	}
	if m <= 2 {
		return string(w)
	}
	w, flags := removeFirstOrderPrefix(w)
	if flags != 0 {
		m--
		if m > 2 {
			var removed bool
			if w, removed = removeSuffix(w, flags); removed && m-1 > 2 {
				w, _, _ = removeSecondOrderPrefix(w)
			}
		}
		return string(w)
	}
	w, flags, removed := removeSecondOrderPrefix(w)
	if removed {
		m--
	}
	if m > 2 {
		w, _ = removeSuffix(w, flags)
	}
	return string(w)
}

type prefixFlags uint8

const (
	removedMeng prefixFlags = 1 << iota
	removedPeng
	removedDi
	removedTer
	removedKe
	removedBer
	removedPe
)

func measure(w []byte) int {
	n := 0
	for _, c := range w {
		if isVowelByte(c) {
			n++
		}
	}
	return n
}

func isVowelByte(c byte) bool {
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'
}

func hasPrefix(w []byte, p string) bool { return len(w) > len(p) && string(w[:len(p)]) == p }
func hasSuffix(w []byte, p string) bool { return len(w) > len(p) && string(w[len(w)-len(p):]) == p }

// vowelAt reports whether w[i] exists and is a vowel.
func vowelAt(w []byte, i int) bool { return i < len(w) && isVowelByte(w[i]) }

// replaceHead drops n bytes from the front of w and puts c in front when c != 0.
func replaceHead(w []byte, n int, c byte) []byte {
	rest := w[n:]
	if c == 0 {
		return rest
	}
	out := make([]byte, 0, len(rest)+1)
	out = append(out, c)
	return append(out, rest...)
}

// firstOrderRule strips prefix from a word; when vowel is set, only before a
// vowel, putting head in its place (the root's first letter the prefix melted:
// menulis → tulis).
type firstOrderRule struct {
	prefix string
	vowel  bool
	head   byte
	flag   prefixFlags
}

// firstOrderRules are tried in order; the first that applies wins.
var firstOrderRules = []firstOrderRule{
	{"meng", false, 0, removedMeng},
	{"meny", true, 's', removedMeng},
	{"men", true, 't', removedMeng},
	{"men", false, 0, removedMeng},
	{"mem", true, 'p', removedMeng},
	{"mem", false, 0, removedMeng},
	{"me", false, 0, removedMeng},
	{"peng", false, 0, removedPeng},
	{"peny", true, 's', removedPeng},
	{"peny", false, 0, removedPeng},
	{"pen", true, 't', removedPeng},
	{"pen", false, 0, removedPeng},
	{"pem", true, 'p', removedPeng},
	{"pem", false, 0, removedPeng},
	{"di", false, 0, removedDi},
	{"ter", false, 0, removedTer},
	{"ke", false, 0, removedKe},
}

func removeFirstOrderPrefix(w []byte) ([]byte, prefixFlags) {
	for _, r := range firstOrderRules {
		if hasPrefix(w, r.prefix) && (!r.vowel || vowelAt(w, len(r.prefix))) {
			return replaceHead(w, len(r.prefix), r.head), r.flag
		}
	}
	return w, 0
}

func removeSecondOrderPrefix(w []byte) ([]byte, prefixFlags, bool) {
	switch {
	case hasPrefix(w, "ber"):
		return w[3:], removedBer, true
	case len(w) == 7 && string(w) == "belajar":
		return w[3:], removedBer, true
	case hasPrefix(w, "be") && len(w) > 4 && !isVowelByte(w[2]) && w[3] == 'e' && w[4] == 'r':
		// be- before a syllable ending in -er: bekerja → kerja.
		return w[2:], removedBer, true
	case hasPrefix(w, "per") && vowelAt(w, 3):
		// per- + vowel: the r belongs to the root (perundingan → runding).
		return w[2:], removedPe, true
	case hasPrefix(w, "per"):
		return w[3:], removedPe, true
	case len(w) == 7 && string(w) == "pelajar":
		return w[3:], removedPe, true
	case hasPrefix(w, "pe"):
		return w[2:], removedPe, true
	}
	return w, 0, false
}

func removeSuffix(w []byte, flags prefixFlags) ([]byte, bool) {
	switch {
	case hasSuffix(w, "kan") && flags&(removedKe|removedPeng|removedPe) == 0:
		return w[:len(w)-3], true
	case hasSuffix(w, "an") && flags&(removedDi|removedMeng|removedTer) == 0:
		return w[:len(w)-2], true
	case hasSuffix(w, "i") && !hasSuffix(w, "si") && flags&(removedBer|removedKe|removedPeng) == 0:
		return w[:len(w)-1], true
	}
	return w, false
}
