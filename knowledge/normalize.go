package knowledge

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// maxQuestionRunes caps what the matcher reads of one question: a question is a
// sentence or two, and the cap keeps a flooded paste from costing more than a few
// microseconds of work.
const maxQuestionRunes = 600

// normalize folds text into the form every later step expects: NFKC (full-width
// letters, ligatures), case folded, diacritics stripped (é → e, so "Jürg" and "Jurg"
// meet), typographic quotes and dashes unified, control characters dropped.
// Invalid UTF-8 bytes become spaces.
func normalize(s string) string { return normalizeMax(s, maxQuestionRunes) }

// maxFactTextRunes bounds normalisation of fact texts, which are longer than a
// question (answers up to MaxAnswerRunes) and must be indexed whole.
const maxFactTextRunes = 4 * MaxAnswerRunes

// normalizeMax is normalize keeping at most max runes.
func normalizeMax(s string, max int) string {
	if n := max * 4; len(s) > n {
		s = s[:n]
	}
	if isPlainASCII(s) {
		// Fast path: the common case needs only lower-casing and punctuation.
		return asciiNormalize(s, max)
	}
	if t, ok := unifyPunctuation(s); ok {
		// Only typographic punctuation was outside ASCII (curly quotes, dashes).
		return asciiNormalize(t, max)
	}
	s = strings.ToValidUTF8(s, " ")
	// A transform.Chain keeps state, so one is built per call (cheap) rather than
	// shared between goroutines.
	t := transform.Chain(norm.NFKD, runes.Remove(runes.In(unicode.Mn)), norm.NFKC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	out = cases.Fold().String(out)
	var b strings.Builder
	b.Grow(len(out))
	n := 0
	for _, r := range out {
		if n >= max {
			break
		}
		n++
		b.WriteRune(unifyRune(r))
	}
	return b.String()
}

// unifyPunctuation maps typographic quotes, dashes and spaces onto ASCII; ok is
// false when other non-ASCII text remains and the full path is needed.
func unifyPunctuation(s string) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r < utf8.RuneSelf {
			b.WriteByte(byte(r))
			continue
		}
		u := unifyRune(r)
		if u == r || u >= utf8.RuneSelf {
			return "", false
		}
		b.WriteByte(byte(u))
	}
	return b.String(), true
}

func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func asciiNormalize(s string, max int) string {
	if len(s) > max {
		s = s[:max]
	}
	buf := make([]byte, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c == '`':
			c = '\''
		case c < 0x20 || c == 0x7f:
			c = ' '
		}
		buf[i] = c
	}
	return string(buf)
}

// unifyRune maps the many quote, dash and space characters people paste onto one
// ASCII form each, and control characters onto a space.
func unifyRune(r rune) rune {
	switch r {
	case '\u2018', '\u2019', '\u201a', '\u201b', '\u2032', '`', '\u00b4':
		return '\''
	case '\u201c', '\u201d', '\u201e', '\u201f', '\u00ab', '\u00bb', '\u2033':
		return '"'
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\ufe58', '\ufe63', '\uff0d':
		return '-'
	case '\u2044', '\u2215':
		return '/'
	}
	if unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u200b' || r == '\ufeff' {
		return ' '
	}
	return r
}

// tokKind tells how a token is matched: words are stemmed and typo-tolerant,
// symbols, years and numbers only match exactly.
type tokKind uint8

const (
	tokWord tokKind = iota
	tokNumber
	tokYear
	tokSymbol
)

type rawToken struct {
	text string
	kind tokKind
}

// tokenize splits normalised text into words, numbers, years and UN document
// symbols. Symbols such as "a/res/73/27", "a/c.1/73/l.27" or "a/75/816" stay one
// token (plus their numeric tail "73/27", which students often type alone); year
// ranges "2014-2015" and "2019-21" become both years; Indonesian reduplication
// "negara-negara" becomes "negara"; "13(f)" and "13 (f)" become "13f" (the norm
// paragraphs).
func tokenize(s string) []rawToken { return tokenizeInto(make([]rawToken, 0, 16), s) }

// tokenizeInto is tokenize appending to toks[:0], for callers that reuse a buffer.
func tokenizeInto(toks []rawToken, s string) []rawToken {
	toks = toks[:0]
	i := 0
	for i < len(s) {
		if namesBot(s, i) {
			// A mention (@cyberdiplo_bot) or a command (/ask, /tanya@bot) names
			// the bot, not the subject: skip to the next space.
			for i < len(s) && s[i] != ' ' {
				i++
			}
			continue
		}
		if r, size := utf8.DecodeRuneInString(s[i:]); !isTokRune(r) {
			i += size
			continue
		}
		j := chunkEnd(s, i)
		chunk := trimJoiners(s[i:j])
		// "13 (f)" / "13(f)": a paragraph number with a letter in brackets.
		if isDigits(chunk) && len(chunk) <= 2 {
			if k, letter := bracketLetter(s, j); k > 0 {
				toks = append(toks, rawToken{chunk + letter, tokNumber})
				i = k
				continue
			}
		}
		toks = appendChunk(toks, chunk)
		i = j
	}
	return toks
}

// namesBot reports whether a mention ("@bot") or a command ("/ask" at the start
// of a word) begins at s[i].
func namesBot(s string, i int) bool {
	if i+1 >= len(s) || !isTokRune(rune(s[i+1])) {
		return false
	}
	return s[i] == '@' || s[i] == '/' && (i == 0 || s[i-1] == ' ')
}

// chunkEnd returns where the chunk starting at s[i] ends. A chunk runs over
// letters, digits and the joiners / . - ' that may sit inside a symbol, a range
// or a reduplicated word.
func chunkEnd(s string, i int) int {
	j := i
	for j < len(s) {
		if c := s[j]; c < utf8.RuneSelf {
			if isTokRune(rune(c)) || isJoiner(rune(c)) {
				j++
				continue
			}
			break
		}
		r, sz := utf8.DecodeRuneInString(s[j:])
		if isTokRune(r) || isJoiner(r) {
			j += sz
			continue
		}
		break
	}
	return j
}

func isJoiner(r rune) bool { return r == '/' || r == '.' || r == '-' || r == '\'' }

func isTokRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r >= 'A' && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// trimJoiners drops trailing joiners (/ . - ') that ended a chunk, as in "a/70/174."
func trimJoiners(c string) string {
	for len(c) > 0 {
		switch c[len(c)-1] {
		case '/', '.', '-', '\'':
			c = c[:len(c)-1]
		default:
			return c
		}
	}
	return c
}

// bracketLetter recognises " (f)" or "(f)" at s[j:] and returns the index after it.
func bracketLetter(s string, j int) (int, string) {
	k := j
	if k < len(s) && s[k] == ' ' {
		k++
	}
	if k+2 < len(s) && s[k] == '(' && s[k+1] >= 'a' && s[k+1] <= 'k' && s[k+2] == ')' {
		return k + 3, s[k+1 : k+2]
	}
	return 0, ""
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isYear(s string) bool {
	return len(s) == 4 && isDigits(s) && (s[:2] == "19" || s[:2] == "20")
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// appendChunk classifies one chunk and appends its tokens.
func appendChunk(toks []rawToken, c string) []rawToken {
	switch {
	case c == "":
		return toks
	case strings.IndexByte(c, '/') >= 0 && hasDigit(c):
		if first, rest, _ := strings.Cut(c, "/"); letterDigitSplit(first) > 0 {
			// "perpres47/2023", "resolusi73/27": a word typed against the
			// number it names.
			k := letterDigitSplit(first)
			toks = append(toks, rawToken{c[:k], tokWord})
			return appendChunk(toks, first[k:]+"/"+rest)
		}
		return appendSymbol(toks, c)
	case strings.IndexByte(c, '/') >= 0:
		return appendParts(toks, strings.Split(c, "/"))
	case strings.IndexByte(c, '-') >= 0:
		return appendHyphenated(toks, c)
	case strings.IndexByte(c, '.') >= 0:
		return appendDotted(toks, c)
	case strings.IndexByte(c, '\'') >= 0:
		return appendElided(toks, c)
	}
	return appendWord(toks, c)
}

// appendParts appends the chunks a joiner separated.
func appendParts(toks []rawToken, parts []string) []rawToken {
	for _, p := range parts {
		toks = appendChunk(toks, p)
	}
	return toks
}

// appendHyphenated appends a chunk with a hyphen: a reduplicated word, a year
// range or words to split.
func appendHyphenated(toks []rawToken, c string) []rawToken {
	parts := strings.Split(c, "-")
	// Reduplication: negara-negara, hak-hak → one word.
	if len(parts) == 2 && parts[0] == parts[1] {
		return appendChunk(toks, parts[0])
	}
	// Year ranges: 2014-2015, 2019-21.
	if len(parts) == 2 && isYear(parts[0]) && isDigits(parts[1]) {
		toks = append(toks, rawToken{parts[0], tokYear})
		switch {
		case isYear(parts[1]):
			toks = append(toks, rawToken{parts[1], tokYear})
		case len(parts[1]) == 2:
			toks = append(toks, rawToken{parts[0][:2] + parts[1], tokYear})
		}
		return toks
	}
	return appendParts(toks, parts)
}

// appendDotted appends a chunk with a dot: "u.s.", "e.g", "1.5": dots inside
// words split them; a dotted abbreviation of single letters joins back ("u.s" →
// "us").
func appendDotted(toks []rawToken, c string) []rawToken {
	parts := strings.Split(c, ".")
	single := true
	for _, p := range parts {
		if utf8.RuneCountInString(p) > 1 {
			single = false
		}
	}
	if single {
		return appendChunk(toks, strings.Join(parts, ""))
	}
	return appendParts(toks, parts)
}

// appendElided appends a chunk with an apostrophe. English contractions and
// possessives: "didn't" → "did", "russia's" → "russia", "who's" → "who"; other
// elisions split ("jum'at" → "jum", "at").
func appendElided(toks []rawToken, c string) []rawToken {
	switch c {
	case "can't":
		c = "can"
	case "won't":
		c = "will"
	}
	for _, suf := range []string{"n't", "'s", "'re", "'ve", "'ll", "'d", "'m"} {
		if strings.HasSuffix(c, suf) {
			c = strings.TrimSuffix(c, suf)
			break
		}
	}
	return appendParts(toks, strings.Split(c, "'"))
}

// appendWord appends a chunk without joiners: a word, a number or a year.
func appendWord(toks []rawToken, c string) []rawToken {
	if n := len(c); n >= 4 && c[n-1] == '2' && !hasDigit(c[:n-1]) && !isEntityName(c[:n-1]) {
		// Chat reduplication: "negara2" = "negara-negara", "gara2" = "gara-gara".
		return appendChunk(toks, c[:n-1])
	}
	if k := letterDigitSplit(c); k > 0 {
		// "gge6", "oewg2", "covid19": a name written against its number.
		toks = append(toks, rawToken{c[:k], tokWord})
		return appendChunk(toks, c[k:])
	}
	switch {
	case isYear(c):
		return append(toks, rawToken{c, tokYear})
	case isDigits(c):
		return append(toks, rawToken{c, tokNumber})
	case len(c) <= 3 && len(c) >= 2 && isDigits(c[:len(c)-1]) && c[len(c)-1] >= 'a' && c[len(c)-1] <= 'k':
		// "13f": norm paragraph written without brackets.
		return append(toks, rawToken{c, tokNumber})
	}
	return append(toks, rawToken{c, tokWord})
}

// isEntityName reports whether w is the short name of a body ("gge", "oewg"),
// whose trailing "2" is a number ("oewg2"), not chat reduplication ("negara2").
// The entity concepts are keyed by those short names.
func isEntityName(w string) bool { return entityConcepts[w] }

// letterDigitSplit returns where the digits start in a chunk of three or more
// ASCII letters followed by digits only ("gge6" → 3), or 0. Digits followed by
// letters ("5th", "13f") stay whole.
func letterDigitSplit(c string) int {
	i := 0
	for i < len(c) && c[i] >= 'a' && c[i] <= 'z' {
		i++
	}
	if i < 3 || i == len(c) || !isDigits(c[i:]) {
		return 0 // "g20", "a1" stay whole: too short to be a name
	}
	return i
}

// appendSymbol adds a UN document symbol and its numeric tail: "a/res/73/27" also
// yields "73/27", and a bare "73/27" stays as typed, so either spelling meets the other.
func appendSymbol(toks []rawToken, c string) []rawToken {
	toks = append(toks, rawToken{c, tokSymbol})
	if tail := symbolTail(c); tail != "" && tail != c {
		toks = append(toks, rawToken{tail, tokSymbol})
	}
	return toks
}

// symbolTail is the "session/number" part of a symbol: a/res/70/237 → 70/237,
// a/70/174 → 70/174. Symbols of other shapes (a/ac.290/2021/crp.2) have none.
func symbolTail(c string) string {
	parts := strings.Split(c, "/")
	if len(parts) < 2 {
		return ""
	}
	a, b := parts[len(parts)-2], parts[len(parts)-1]
	if isDigits(a) && isDigits(b) && len(a) <= 3 {
		return a + "/" + b
	}
	return ""
}
