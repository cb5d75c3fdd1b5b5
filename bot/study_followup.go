package bot

import (
	"regexp"
	"strings"
	"time"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// FollowUpWindow is how long after an answer a short follow-up ("who chaired it?") is
// read as being about that answer.
const FollowUpWindow = 10 * time.Minute

// maxFollowUpWords bounds what counts as a follow-up: longer questions stand alone.
const maxFollowUpWords = 8

var (
	// A follow-up points back with a pronoun or demonstrative (EN), "itu/tersebut/ini"
	// or the "-nya" suffix (ID), or opens with "and"/"what about"/"dan"/"kalau".
	followUpRef = regexp.MustCompile(`(?i)\b(it|its|it's|that|this|they|them|their|he|she|him|her|itu|tersebut|ini|dia|mereka|beliau)\b`)
	followUpNya = regexp.MustCompile(`(?i)\b([a-z]{3,})nya\b`)
	followUpAnd = regexp.MustCompile(`(?i)^(and|what about|how about|dan|lalu|terus|kalau|bagaimana dengan|gimana dengan)\b`)
	// "and the 2021 one?", "yang 2021?", "what about 2015?"
	followUpYear = regexp.MustCompile(`\b(19[89]\d|20\d\d)\b`)
	// An acronym or a document symbol names its own subject: the question stands alone.
	ownSubject = regexp.MustCompile(`\b[A-Z]{3,}\b|\b[AS]/[A-Z0-9.]+/`)
	// bodyAttribute words ask about a body rather than a document or event.
	bodyAttribute = regexp.MustCompile(`(?i)\b(chair|chaired|chairs|led|lead|head|headed|members?|ketua|ketuanya|memimpin|dipimpin|pimpin|anggota|anggotanya|negara)\b`)
	yearsIn       = regexp.MustCompile(`\b(19|20)\d\d\b([–-](19|20)?\d\d)?`)
	parenthetical = regexp.MustCompile(`\s*\([^)]*\)`)
)

// idWords are Indonesian words ending in "nya" that are not a back-reference.
var idWords = map[string]bool{"sebenarnya": true, "biasanya": true, "hanya": true, "tanya": true, "punya": true, "lainnya": true, "selanjutnya": true, "sebelumnya": true, "nya": true, "karenanya": true, "misalnya": true}

// ResolveFollowUp rewrites a short follow-up question so that it names the subject of
// the chat's last answer, if that answer is recent (within FollowUpWindow of now).
// ok is false when q stands on its own, the last answer is too old, or there is none;
// the caller then matches q unchanged. The last answer is per chat, so a follow-up
// never borrows another chat's subject.
func ResolveFollowUp(q string, last LastAnswer, now time.Time, base *knowledge.Base) (string, bool) {
	if last.FactID == "" || last.At.IsZero() || now.Sub(last.At) > FollowUpWindow || now.Before(last.At.Add(-time.Minute)) {
		return "", false
	}
	f, ok := base.Get(last.FactID)
	if !ok {
		return "", false
	}
	q = strings.TrimSpace(q)
	words := strings.Fields(q)
	if len(words) == 0 || len(words) > maxFollowUpWords || ownSubject.MatchString(q) {
		return "", false
	}
	year := followUpYear.FindString(q)
	ref := followUpRef.MatchString(q) || hasNyaRef(q)
	and := followUpAnd.MatchString(q)
	switch {
	case year != "" && (and || strings.Contains(strings.ToLower(q), "one") || strings.HasPrefix(strings.ToLower(q), "yang")):
		// "and the 2021 one?": the same kind of thing, another year.
		return withYear(f, year), true
	case !ref && !and:
		return "", false
	}
	subject := followUpSubject(f, bodyAttribute.MatchString(q))
	out := q
	if ref {
		out = followUpRef.ReplaceAllStringFunc(out, func(w string) string {
			if strings.EqualFold(w, "its") || strings.EqualFold(w, "their") {
				return subject + "'s"
			}
			return subject
		})
		out = followUpNya.ReplaceAllStringFunc(out, func(w string) string {
			if idWords[strings.ToLower(w)] {
				return w
			}
			return w[:len(w)-3] + " " + subject
		})
	}
	if out == q { // "and what about the vote?": no pronoun to replace
		out = strings.TrimRight(q, "?!. ") + " " + subject + "?"
	}
	return out, true
}

func hasNyaRef(q string) bool {
	for _, m := range followUpNya.FindAllString(q, -1) {
		if !idWords[strings.ToLower(m)] {
			return true
		}
	}
	return false
}

// followUpSubject names what the last answer was about: its body when the follow-up
// asks about a body (chair, members), else its first alias (a name or symbol people
// use), else its English title.
func followUpSubject(f *knowledge.Fact, aboutBody bool) string {
	if aboutBody && f.Body != "" {
		return f.Body
	}
	if f.Body != "" && f.Kind == "body" {
		return f.Body
	}
	if len(f.Aliases) > 0 {
		return f.Aliases[0]
	}
	return strings.TrimSpace(parenthetical.ReplaceAllString(f.TitleEN, ""))
}

// withYear asks about the same kind of thing in another year: the last fact's title
// without its years, symbols and asides, plus the year ("GGE consensus report 2021").
func withYear(f *knowledge.Fact, year string) string {
	t := parenthetical.ReplaceAllString(f.TitleEN, "")
	for _, s := range knowledge.SymbolsIn(t) {
		t = strings.ReplaceAll(t, s, "")
	}
	t = yearsIn.ReplaceAllString(t, "")
	t = strings.Join(strings.Fields(strings.Trim(t, " :–-")), " ")
	return t + " " + year
}
