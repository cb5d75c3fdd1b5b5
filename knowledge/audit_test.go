package knowledge

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"
	"unicode/utf8"
)

// The audit of issue #5 ("Quality") runs over the whole embedded base. Each check is a
// function from facts to findings so that the same code is exercised, in
// TestAuditCatchesBrokenFacts, on deliberately broken facts: a check that cannot fail
// is no check.

// notesPath is the reference notes relative to this package directory: the notes live
// in ../shared/facts beside the repository root (CI clones the repository next to shared/).
const notesPath = "../../shared/facts/NOTES.md"

// recentNotesPath is the 2025–2026 research note beside NOTES.md.
const recentNotesPath = "../../shared/facts/RECENT.md"

// auditFinding is one content problem, precise enough to fix without guessing.
type auditFinding struct {
	FactID string
	Field  string
	Msg    string
}

func (f auditFinding) String() string {
	return fmt.Sprintf("fact %s: %s: %s", f.FactID, f.Field, f.Msg)
}

// mirrorHosts are mirror, scraper and document-sharing sites that must never be cited
// (../shared/facts/README.md, issue #5): a fact seen only there cites the official page.
var mirrorHosts = []string{
	"scribd", "studylib", "docplayer", "vdocuments", "123dok", "girlsrightsplatform",
	"poisk-ru", "fanyv88", "appwritefunc", "netlify.app", "wiki-indonesia", "movatter",
}

var (
	auditYear = regexp.MustCompile(`\b(?:19|20)\d{2}\b`)
	// bareResolution catches resolution numbers written without their prefix
	// ("54/49 (1 December 1999)"), which SymbolsIn does not see.
	bareResolution = regexp.MustCompile(`\d{2}/\d{1,3}\b`)
	// Time-sensitive wording: counts of ratifications, signatories or parties, or an
	// explicit "as of"/"per <bulan>" date in either language.
	timeSensitiveEN = regexp.MustCompile(`(?i)\bas of\b|\b\d+ (?:ratifications|signatories|parties|states parties)\b|\bratifications\W+(?:\w+\W+){0,3}\d|\b(?:ratified|signed) by (?:\d|more|over|about|some|at least)|\b\d+ (?:states|countries) (?:have |had )?(?:signed|ratified)\b|\b(?:have|has) (?:signed|ratified)\b`)
	timeSensitiveID = regexp.MustCompile(`(?i)\bper (?:\d{1,2} )?(?:januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember)\b|\b\d+ (?:ratifikasi|pihak|negara pihak)\b|\bpenanda ?tangan(?:nya)? (?:sebanyak |ada |adalah )?\d|\b\d+ (?:negara )?(?:penanda ?tangan)\b|\b\d+ negara (?:telah |sudah )?(?:menandatangani|meratifikasi)\b|\b(?:di|me)ratifikasi oleh \d`)
	asOfEN          = regexp.MustCompile(`(?i)\bas of\b`)
	asOfID          = regexp.MustCompile(`(?i)\bper (?:\d{1,2} )?(?:januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember)\b|\bper (?:19|20)\d{2}\b`)
	// Function words dropped when comparing phrasings for near-duplicates.
	auditStopwords = map[string]bool{
		"the": true, "a": true, "an": true, "is": true, "was": true, "are": true, "were": true,
		"of": true, "in": true, "on": true, "to": true, "do": true, "does": true, "did": true,
		"apa": true, "itu": true, "yang": true, "yg": true, "sih": true, "dong": true, "ya": true,
		"adalah": true, "tentang": true, "di": true, "ke": true, "dari": true,
	}
)

// checkIDsUnique: every id once.
func checkIDsUnique(facts []*Fact) []auditFinding {
	var out []auditFinding
	seen := map[string]string{}
	for _, f := range facts {
		if prev, ok := seen[f.ID]; ok {
			out = append(out, auditFinding{f.ID, "id", fmt.Sprintf("defined in %s and %s", prev, f.File)})
			continue
		}
		seen[f.ID] = f.File
	}
	return out
}

// auditComparable reduces text to lower-case letters and digits separated by single
// spaces, so that case, punctuation and spacing do not hide a duplicate.
func auditComparable(s string) string {
	var b strings.Builder
	space := true
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

// checkBilingual: title and answer present in both languages and not the same text
// (an untranslated copy answers an Indonesian student in English).
func checkBilingual(facts []*Fact) []auditFinding {
	var out []auditFinding
	for _, f := range facts {
		for _, p := range []struct{ field, en, id string }{
			{"title", f.TitleEN, f.TitleID},
			{"answer", f.AnswerEN, f.AnswerID},
		} {
			switch {
			case strings.TrimSpace(p.en) == "":
				out = append(out, auditFinding{f.ID, p.field + "_en", "missing"})
			case strings.TrimSpace(p.id) == "":
				out = append(out, auditFinding{f.ID, p.field + "_id", "missing"})
			case auditComparable(p.en) == auditComparable(p.id):
				out = append(out, auditFinding{f.ID, p.field + "_id", "identical to " + p.field + "_en: not translated"})
			}
		}
	}
	return out
}

// checkLengthBudget: answers and titles within the limits a chat reply can carry.
func checkLengthBudget(facts []*Fact) []auditFinding {
	var out []auditFinding
	for _, f := range facts {
		for _, lang := range []Lang{EN, ID} {
			if n := utf8.RuneCountInString(f.Answer(lang)); n > MaxAnswerRunes {
				out = append(out, auditFinding{f.ID, "answer_" + string(lang), fmt.Sprintf("%d characters, budget %d", n, MaxAnswerRunes)})
			}
			if n := utf8.RuneCountInString(f.Title(lang)); n > MaxTitleRunes {
				out = append(out, auditFinding{f.ID, "title_" + string(lang), fmt.Sprintf("%d characters, budget %d", n, MaxTitleRunes)})
			}
		}
	}
	return out
}

// checkSymbolsLinked: every UN symbol an answer names is linked on the UN's document system.
func checkSymbolsLinked(facts []*Fact) []auditFinding {
	var out []auditFinding
	for _, f := range facts {
		linked := map[string]bool{}
		for _, s := range f.Sources {
			if strings.HasPrefix(s.URL, docsUNPrefix) {
				linked[strings.TrimPrefix(s.URL, docsUNPrefix)] = true
			}
		}
		named := append(SymbolsIn(f.AnswerEN), SymbolsIn(f.AnswerID)...)
		named = append(named, f.Symbols...)
		seen := map[string]bool{}
		for _, sym := range named {
			if !linked[sym] && !seen[sym] {
				seen[sym] = true
				out = append(out, auditFinding{f.ID, "sources", fmt.Sprintf("symbol %s is not linked at %s", sym, UNDocURL(sym))})
			}
		}
	}
	return out
}

// bareResolutionsIn returns the resolution numbers a text names without their prefix
// ("54/49", "resolusi 77/37"), leaving out parts of full symbols, the "24/7" of a
// contact network and General Assembly decisions ("decision 75/564"), which have no
// document of their own.
func bareResolutionsIn(text string) []string {
	var out []string
	for _, loc := range bareResolution.FindAllStringIndex(text, -1) {
		start, end := loc[0], loc[1]
		if start > 0 {
			prev, _ := utf8.DecodeLastRuneInString(text[:start])
			if prev == '/' || prev == '.' || unicode.IsLetter(prev) || unicode.IsDigit(prev) {
				continue
			}
		}
		num := text[start:end]
		before := strings.ToLower(text[max(0, start-30):start])
		if num == "24/7" || strings.Contains(before, "decision") || strings.Contains(before, "keputusan") {
			continue
		}
		out = append(out, num)
	}
	return out
}

// checkBareResolutionsLinked: a resolution an answer names by number alone ("54/49") is
// still a UN document, linked on the document system like any other symbol, as a GA
// (A/RES/…) or Human Rights Council (A/HRC/RES/…) resolution.
func checkBareResolutionsLinked(facts []*Fact) []auditFinding {
	var out []auditFinding
	for _, f := range facts {
		linked := map[string]bool{}
		for _, s := range f.Sources {
			if strings.HasPrefix(s.URL, docsUNPrefix) {
				linked[strings.TrimPrefix(s.URL, docsUNPrefix)] = true
			}
		}
		seen := map[string]bool{}
		for _, num := range append(bareResolutionsIn(f.AnswerEN), bareResolutionsIn(f.AnswerID)...) {
			if seen[num] || linked["A/RES/"+num] || linked["A/HRC/RES/"+num] {
				continue
			}
			seen[num] = true
			out = append(out, auditFinding{f.ID, "sources", fmt.Sprintf("resolution %s is named but not linked at %s (or the A/HRC/RES/ address)", num, UNDocURL("A/RES/"+num))})
		}
	}
	return out
}

// containsToken reports whether needle occurs in hay not glued to a longer number or
// word on either side ("A/RES/73/27" is not found in "A/RES/73/270").
func containsToken(hay, needle string) bool {
	for i := 0; ; {
		j := strings.Index(hay[i:], needle)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(needle)
		before, _ := utf8.DecodeLastRuneInString(hay[:start])
		after, _ := utf8.DecodeRuneInString(hay[end:])
		okBefore := start == 0 || !(unicode.IsLetter(before) || unicode.IsDigit(before))
		okAfter := end == len(hay) || !(unicode.IsLetter(after) || unicode.IsDigit(after))
		if okBefore && okAfter {
			return true
		}
		i = start + 1
	}
}

// checkClaimsSourced: every year and every symbol an answer states appears in the fact's
// own date, as_of, symbols, source titles or source URLs, or in the reference notes. A
// year or symbol found in neither was typed from memory.
func checkClaimsSourced(facts []*Fact, notes string) []auditFinding {
	var out []auditFinding
	for _, f := range facts {
		var ev strings.Builder
		ev.WriteString(f.Date + " " + f.AsOf + " " + strings.Join(f.Symbols, " "))
		for _, s := range f.Sources {
			ev.WriteString(" " + s.Title + " " + s.URL + " " + s.Symbol + " " + s.Published + " " + s.Note)
		}
		evidence := ev.String()
		supported := func(claim string) bool {
			return containsToken(evidence, claim) || containsToken(notes, claim)
		}
		seen := map[string]bool{}
		for _, lang := range []Lang{EN, ID} {
			answer := f.Answer(lang)
			var claims []string
			claims = append(claims, auditYear.FindAllString(answer, -1)...)
			claims = append(claims, SymbolsIn(answer)...)
			claims = append(claims, bareResolutionsIn(answer)...)
			for _, c := range claims {
				if seen[c] {
					continue
				}
				seen[c] = true
				if !supported(c) {
					out = append(out, auditFinding{f.ID, "answer_" + string(lang), fmt.Sprintf("%q appears in no source of the fact and not in NOTES.md", c)})
				}
			}
		}
	}
	return out
}

// phrasingKey is a question reduced for near-duplicate comparison: comparable form,
// function words dropped, remaining words sorted (word order does not change what a
// bag-of-words matcher sees).
func phrasingKey(q string) string {
	words := strings.Fields(auditComparable(q))
	kept := words[:0]
	for _, w := range words {
		if !auditStopwords[w] {
			kept = append(kept, w)
		}
	}
	sort.Strings(kept)
	return strings.Join(kept, " ")
}

// checkPhrasingsDistinct: no question phrasing (or near-duplicate of one) belongs to two
// facts; the matcher could not tell them apart.
func checkPhrasingsDistinct(facts []*Fact) []auditFinding {
	type owner struct{ id, q string }
	var out []auditFinding
	exact := map[string]owner{}
	near := map[string]owner{}
	for _, f := range facts {
		for _, lang := range []Lang{EN, ID} {
			for _, q := range f.Questions(lang) {
				c := auditComparable(q)
				if o, ok := exact[c]; ok && o.id != f.ID {
					out = append(out, auditFinding{f.ID, "questions_" + string(lang), fmt.Sprintf("%q duplicates %q of fact %s", q, o.q, o.id)})
					continue
				} else if !ok {
					exact[c] = owner{f.ID, q}
				}
				k := phrasingKey(q)
				if k == "" {
					continue
				}
				if o, ok := near[k]; ok && o.id != f.ID {
					out = append(out, auditFinding{f.ID, "questions_" + string(lang), fmt.Sprintf("%q is a near-duplicate of %q of fact %s", q, o.q, o.id)})
				} else if !ok {
					near[k] = owner{f.ID, q}
				}
			}
		}
	}
	return out
}

// checkNoMirrors: no source on a mirror, scraper or document-sharing site.
func checkNoMirrors(facts []*Fact) []auditFinding {
	var out []auditFinding
	for _, f := range facts {
		for i, s := range f.Sources {
			u := strings.ToLower(s.URL)
			for _, m := range mirrorHosts {
				if strings.Contains(u, m) {
					out = append(out, auditFinding{f.ID, fmt.Sprintf("sources[%d].url", i), fmt.Sprintf("%s is a mirror/scraper (%s): cite the official page or the UN symbol", s.URL, m)})
					break
				}
			}
		}
	}
	return out
}

// checkTimeSensitive: an answer that counts ratifications, signatories or parties, or
// says "as of"/"per <bulan>", carries as_of; and a fact with as_of says so in both
// languages, so the reader knows the figure may have moved.
func checkTimeSensitive(facts []*Fact) []auditFinding {
	var out []auditFinding
	for _, f := range facts {
		sensitive := timeSensitiveEN.MatchString(f.AnswerEN) || timeSensitiveID.MatchString(f.AnswerID)
		if sensitive && f.AsOf == "" {
			out = append(out, auditFinding{f.ID, "as_of", "missing on a time-sensitive answer (counts of ratifications/signatories/parties or an \"as of\" date)"})
		}
		if f.AsOf != "" {
			if !asOfEN.MatchString(f.AnswerEN) {
				out = append(out, auditFinding{f.ID, "answer_en", fmt.Sprintf("as_of %s is set but the answer does not say \"as of <month year>\"", f.AsOf)})
			}
			if !asOfID.MatchString(f.AnswerID) {
				out = append(out, auditFinding{f.ID, "answer_id", fmt.Sprintf("as_of %s is set but the answer does not say \"per <bulan tahun>\"", f.AsOf)})
			}
		}
	}
	return out
}

// checkChairsConsistent: facts about the same body name the same chair, spelled the same.
func checkChairsConsistent(facts []*Fact) []auditFinding {
	var out []auditFinding
	first := map[string]*Fact{}
	for _, f := range facts {
		if f.Body == "" || f.Chair == "" {
			continue
		}
		if p, ok := first[f.Body]; ok && p.Chair != f.Chair {
			out = append(out, auditFinding{f.ID, "chair", fmt.Sprintf("%q for %s, but fact %s says %q", f.Chair, f.Body, p.ID, p.Chair)})
		} else if !ok {
			first[f.Body] = f
		}
	}
	return out
}

var titleDate = regexp.MustCompile(`\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) (?:19|20)\d{2}\b`)

// checkSourceDatesConsistent: where two facts cite the same UN document with a date in
// the source title, the dates agree (one of them is wrong otherwise).
func checkSourceDatesConsistent(facts []*Fact) []auditFinding {
	var out []auditFinding
	type use struct{ id, date string }
	first := map[string]use{}
	for _, f := range facts {
		for i, s := range f.Sources {
			if !strings.HasPrefix(s.URL, docsUNPrefix) {
				continue
			}
			d := titleDate.FindString(s.Title)
			if d == "" {
				continue
			}
			if p, ok := first[s.URL]; ok && p.date != d {
				out = append(out, auditFinding{f.ID, fmt.Sprintf("sources[%d].title", i), fmt.Sprintf("dates %s as %q, fact %s dates it %q", strings.TrimPrefix(s.URL, docsUNPrefix), d, p.id, p.date)})
			} else if !ok {
				first[s.URL] = use{f.ID, d}
			}
		}
	}
	return out
}

// checkSourcesCitable: every source that is not a UN document names its publisher (the
// website, periodical or organisation), so that /cite never makes a domain name or a
// curator's label its author; and no title carries a curators' parenthetical remark
// about counts ("(69 signatories)") — such remarks belong in the note field.
var curatorRemark = regexp.MustCompile(`\(\d+ (?:signatories|states|parties|ratifications|chapters)\b|\((?:recalls|citing|enters into force)\b`)

func checkSourcesCitable(facts []*Fact) []auditFinding {
	var out []auditFinding
	for _, f := range facts {
		for i, s := range f.Sources {
			field := fmt.Sprintf("sources[%d]", i)
			if s.Symbol == "" && !strings.HasPrefix(s.URL, docsUNPrefix) && strings.TrimSpace(s.Publisher) == "" {
				out = append(out, auditFinding{f.ID, field + ".publisher", fmt.Sprintf("missing for %s: name the website, periodical or organisation", s.URL)})
			}
			if m := curatorRemark.FindString(s.Title); m != "" {
				out = append(out, auditFinding{f.ID, field + ".title", fmt.Sprintf("curators' remark %q in the title: move it to note", m)})
			}
		}
	}
	return out
}

// auditChecks are the checks that need nothing but the facts.
var auditChecks = []struct {
	name  string
	check func([]*Fact) []auditFinding
}{
	{"ids-unique", checkIDsUnique},
	{"bilingual", checkBilingual},
	{"length-budget", checkLengthBudget},
	{"symbols-linked", checkSymbolsLinked},
	{"bare-resolutions-linked", checkBareResolutionsLinked},
	{"phrasings-distinct", checkPhrasingsDistinct},
	{"no-mirrors", checkNoMirrors},
	{"time-sensitive-as-of", checkTimeSensitive},
	{"chairs-consistent", checkChairsConsistent},
	{"source-dates-consistent", checkSourceDatesConsistent},
	{"sources-citable", checkSourcesCitable},
}

// TestAudit runs every audit check over the embedded base and lists each finding.
func TestAudit(t *testing.T) {
	base, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	facts := base.Facts()
	for _, c := range auditChecks {
		t.Run(c.name, func(t *testing.T) {
			for _, f := range c.check(facts) {
				t.Error(f)
			}
		})
	}
	t.Run("claims-sourced", func(t *testing.T) {
		notes, err := os.ReadFile(notesPath)
		if errors.Is(err, os.ErrNotExist) {
			t.Skipf("%s not found (shared/ is not beside the repository): cannot check years and symbols against the notes", notesPath)
		}
		if err != nil {
			t.Fatal(err)
		}
		// RECENT.md holds the notes for 2025–2026 (issue #14); it sits beside NOTES.md.
		if recent, err := os.ReadFile(recentNotesPath); err == nil {
			notes = append(append(notes, '\n'), recent...)
		}
		for _, f := range checkClaimsSourced(facts, string(notes)) {
			t.Error(f)
		}
	})
}

// goodFact is a well-formed fact; the broken cases below change one thing in it.
const goodFact = `
[[fact]]
id = "%[1]s"
kind = "document"
date = "2015-07-22"
topics = ["gge"]
timeline = false
title_en = "2015 GGE report (A/70/174)"
title_id = "Laporan GGE 2015 (A/70/174)"
answer_en = "%[2]s"
answer_id = "%[3]s"
questions_en = ["%[4]s", "when was %[1]s adopted", "what did %[1]s say"]
questions_id = ["kapan %[1]s diadopsi", "isi %[1]s apa", "%[1]s itu dokumen apa"]
%[5]s
[[fact.sources]]
title = "Report of the GGE, 22 July 2015"
url = "%[6]s"
`

type factSpec struct {
	id, en, idText, q, extra, url string
}

func (s factSpec) toml() string {
	d := factSpec{"report-2015", "The GGE adopted A/70/174 on 22 July 2015.", "GGE mengadopsi A/70/174 pada 22 Juli 2015.", "what is the 2015 report", "", "https://docs.un.org/en/A/70/174"}
	if s.id != "" {
		d.id = s.id
	}
	if s.en != "" {
		d.en = s.en
	}
	if s.idText != "" {
		d.idText = s.idText
	}
	if s.q != "" {
		d.q = s.q
	}
	if s.extra != "" {
		d.extra = s.extra
	}
	if s.url != "" {
		d.url = s.url
	}
	return fmt.Sprintf(goodFact, d.id, d.en, d.idText, d.q, d.extra, d.url)
}

// TestAuditCatchesBrokenFacts feeds each check a base with one deliberate defect and
// requires the defect to be reported (by Load's validation where it enforces the rule,
// otherwise by the audit), and a clean base to pass every check.
func TestAuditCatchesBrokenFacts(t *testing.T) {
	const notes = "| 22 Jul 2015 | Consensus report | A/70/174 | ... |\n| 23 Dec 2015 | Guided by the report | A/RES/70/237 | ... |"
	other := factSpec{id: "report-2015-other", q: "who wrote the other report"}
	tests := []struct {
		name    string
		files   map[string]string
		check   string // audit check expected to report, "" when Load must reject
		wantMsg string // substring of the finding or of the load error
	}{
		{"clean base passes", map[string]string{"a.toml": factSpec{}.toml(), "b.toml": other.toml()}, "", ""},
		{"duplicate id across files", map[string]string{"a.toml": factSpec{}.toml(), "b.toml": factSpec{q: "x y z"}.toml()}, "", "duplicate"},
		{"untranslated answer", map[string]string{"a.toml": factSpec{idText: "The GGE adopted A/70/174 on 22 July 2015."}.toml()}, "bilingual", "not translated"},
		{"answer over budget", map[string]string{"a.toml": factSpec{en: strings.Repeat("Long answer. ", 60)}.toml()}, "", "more than 700"},
		{"symbol not linked", map[string]string{"a.toml": factSpec{en: "The GA endorsed it in A/RES/70/237."}.toml()}, "", "A/RES/70/237 is named but not linked"},
		{"year nowhere in sources or notes", map[string]string{"a.toml": factSpec{en: "The GGE adopted A/70/174 on 22 July 2016."}.toml()}, "claims-sourced", `"2016"`},
		{"bare resolution number not linked", map[string]string{"a.toml": factSpec{en: "The GA endorsed it in resolution 70/237 (2015); decision 75/564 and the 24/7 network are not resolutions."}.toml()}, "bare-resolutions-linked", "resolution 70/237 is named but not linked"},
		{"same question in two facts", map[string]string{"a.toml": factSpec{}.toml(), "b.toml": factSpec{id: "report-2015-other", q: "What is the 2015 report?"}.toml()}, "phrasings-distinct", "duplicates"},
		{"near-duplicate question", map[string]string{"a.toml": factSpec{}.toml(), "b.toml": factSpec{id: "report-2015-other", q: "the 2015 report is what"}.toml()}, "phrasings-distinct", "near-duplicate"},
		{"mirror source", map[string]string{"a.toml": factSpec{extra: "[[fact.sources]]\ntitle = \"copy\"\nurl = \"https://www.scribd.com/document/635567665/N1522835\"\npublisher = \"Scribd\""}.toml()}, "no-mirrors", "scribd"},
		{"web source without a publisher", map[string]string{"a.toml": factSpec{extra: "[[fact.sources]]\ntitle = \"Treaty signed\"\nurl = \"https://example.org/news\""}.toml()}, "sources-citable", "publisher: missing"},
		{"curators' remark in a title", map[string]string{"a.toml": factSpec{extra: "[[fact.sources]]\ntitle = \"Hanoi talks (69 signatories)\"\nurl = \"https://example.org/news\"\npublisher = \"VIR\""}.toml()}, "sources-citable", "(69 signatories"},
		{"netlify copy", map[string]string{"a.toml": factSpec{extra: "[[fact.sources]]\ntitle = \"copy\"\nurl = \"https://gamestartup.netlify.app/host-https-www.unodc.org/\"\npublisher = \"copy\""}.toml()}, "no-mirrors", "netlify.app"},
		{"count without as_of", map[string]string{"a.toml": factSpec{en: "65 states signed the convention; it has 3 ratifications.", idText: "65 negara menandatangani konvensi itu."}.toml()}, "time-sensitive-as-of", "missing"},
		{"as_of not said in Indonesian", map[string]string{"a.toml": factSpec{en: "As of May 2026 it had 3 ratifications.", idText: "Konvensi itu punya 3 ratifikasi.", extra: `as_of = "2026-05"`}.toml()}, "time-sensitive-as-of", "per <bulan tahun>"},
		{"chairs disagree", map[string]string{
			"a.toml": factSpec{extra: "chair = \"Jürg Lauber (Switzerland)\"\nbody = \"OEWG 2019–2021\""}.toml(),
			"b.toml": factSpec{id: "report-2015-other", q: "who chaired it", extra: "chair = \"Jurg Lauber (Swiss)\"\nbody = \"OEWG 2019–2021\""}.toml()}, "chairs-consistent", "Jurg Lauber"},
		{"same document, two dates", map[string]string{
			"a.toml": factSpec{}.toml(),
			"b.toml": strings.Replace(other.toml(), "Report of the GGE, 22 July 2015", "Report of the GGE, 14 July 2015", 1)}, "source-dates-consistent", "14 July 2015"},
	}
	checks := map[string]func([]*Fact) []auditFinding{}
	for _, c := range auditChecks {
		checks[c.name] = c.check
	}
	checks["claims-sourced"] = func(f []*Fact) []auditFinding { return checkClaimsSourced(f, notes) }
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, text := range tc.files {
				fsys[name] = &fstest.MapFile{Data: []byte(text)}
			}
			base, err := Load(fsys)
			if tc.check == "" && tc.wantMsg != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantMsg) {
					t.Fatalf("Load error = %v, want one containing %q", err, tc.wantMsg)
				}
				return
			}
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			for name, check := range checks {
				findings := check(base.Facts())
				if name != tc.check {
					for _, f := range findings {
						t.Errorf("check %s reported an unexpected finding: %s", name, f)
					}
					continue
				}
				found := false
				for _, f := range findings {
					found = found || strings.Contains(f.String(), tc.wantMsg)
				}
				if !found {
					t.Errorf("check %s did not report %q; findings: %v", name, tc.wantMsg, findings)
				}
			}
		})
	}
}

// TestAuditChecksOnUnloadableFacts feeds the checks whose rule Load already enforces
// facts as built, without Load, so that the audit's own code is shown to catch them too.
func TestAuditChecksOnUnloadableFacts(t *testing.T) {
	fact := func(id, en string) *Fact {
		return &Fact{ID: id, File: id + ".toml", TitleEN: "t", TitleID: "j", AnswerEN: en, AnswerID: "Lihat.",
			Sources: []Source{{Title: "report", URL: "https://docs.un.org/en/A/70/174"}}}
	}
	tests := []struct {
		name  string
		check func([]*Fact) []auditFinding
		facts []*Fact
		want  string
	}{
		{"duplicate id", checkIDsUnique, []*Fact{fact("x", "A."), fact("x", "B.")}, "defined in x.toml and x.toml"},
		{"answer over budget", checkLengthBudget, []*Fact{fact("x", strings.Repeat("word ", 141))}, "705 characters, budget 700"},
		{"symbol not linked", checkSymbolsLinked, []*Fact{fact("x", "See A/RES/70/237 and A/70/174.")}, "symbol A/RES/70/237 is not linked"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.check(tc.facts)
			if len(got) != 1 || !strings.Contains(got[0].String(), tc.want) {
				t.Fatalf("findings = %v, want exactly one containing %q", got, tc.want)
			}
		})
	}
}

// TestAuditClaimsCheckOnUnloadableFacts exercises checkClaimsSourced directly on facts Load
// would refuse (a symbol with no source at all), and on a bare resolution number, so that
// the symbol half of the check is shown to fail when a symbol comes from nowhere.
func TestAuditClaimsCheckOnUnloadableFacts(t *testing.T) {
	const notes = "| 4 Dec 1998 | adopted without a vote | A/RES/53/70 |"
	f := &Fact{ID: "x",
		AnswerEN: "A/RES/53/70 (1998) and A/RES/99/1 and resolution 98/7.",
		AnswerID: "A/RES/53/70 (1998) dan A/RES/99/1 dan resolusi 98/7.",
		Sources:  []Source{{Title: "notes", URL: "https://example.org/"}}}
	got := map[string]bool{}
	for _, finding := range checkClaimsSourced([]*Fact{f}, notes) {
		got[finding.Msg[:strings.Index(finding.Msg, " appears")]] = true
	}
	want := map[string]bool{`"A/RES/99/1"`: true, `"98/7"`: true}
	if len(got) != len(want) || !got[`"A/RES/99/1"`] || !got[`"98/7"`] {
		t.Fatalf("unsourced claims = %v, want %v (1998 and A/RES/53/70 are in the notes)", got, want)
	}
}
