package glossary

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// The glossary tests run over the shipped fact base with the real matcher: what a
// student sees for /define depends on both. Expected texts are read from the base, so
// rewording an entry does not break them; a term that stops being found does.
func glossaryBot(t testing.TB) (*bot.Bot, *knowledge.Base) {
	t.Helper()
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatalf("loading the embedded base: %v", err)
	}
	return bot.New(base, nil, bot.Options{Features: []bot.Feature{New()}}), base
}

// checkButtons fails when a button could not ride in Telegram callback data.
func checkButtons(t *testing.T, r *bot.Reply) {
	t.Helper()
	for _, row := range r.Buttons {
		for _, b := range row {
			if b.Data == "" || len(b.Data) > bot.MaxButtonData || b.Label == "" {
				t.Errorf("button %q → %q: data must be 1–%d bytes and the label set", b.Label, b.Data, bot.MaxButtonData)
			}
		}
	}
}

func TestDefine(t *testing.T) {
	b, base := glossaryBot(t)
	tests := []struct {
		name      string
		msg       *bot.Message
		silent    bool
		kind      bot.ReplyKind
		lang      knowledge.Lang
		fact      string   // the glossary entry answered
		corrected bool     // the reply says which term it took the text for
		more      string   // the fuller fact pointed to
		contains  []string // further texts the user must see
		buttons   []string // button data that must be offered
	}{
		{name: "English term", msg: private("/define GGE"), kind: bot.KindAnswer, lang: knowledge.EN, fact: "term-gge",
			more: "oewg-vs-gge", buttons: []string{"/fact oewg-vs-gge", "/define OEWG"}},
		{name: "Indonesian alias replies in Indonesian", msg: private("/istilah GGE"), kind: bot.KindAnswer, lang: knowledge.ID, fact: "term-gge",
			buttons: []string{"/istilah OEWG"}},
		{name: "arti is an Indonesian alias too", msg: private("/arti CBM"), kind: bot.KindAnswer, lang: knowledge.ID, fact: "term-cbm", more: "cbm-concept"},
		{name: "case, diacritics and punctuation do not matter", msg: private("/define cért / csirt"), kind: bot.KindAnswer, lang: knowledge.EN, fact: "term-cert-csirt"},
		{name: "swapped letters of an abbreviation", msg: private("/define CMB"), kind: bot.KindAnswer, lang: knowledge.EN, fact: "term-cbm", corrected: true,
			contains: []string{"“CBM”", "“CMB”"}},
		{name: "Indonesian typo", msg: private("/istilah konsensis"), kind: bot.KindAnswer, lang: knowledge.ID, fact: "term-consensus", corrected: true,
			contains: []string{"Menampilkan “konsensus” untuk “konsensis”"}},
		{name: "typo in a longer term", msg: private("/define critical infrastucture"), kind: bot.KindAnswer, lang: knowledge.EN, fact: "term-critical-infrastructure",
			corrected: true, more: "critical-infrastructure-concept"},
		{name: "unfinished word completed", msg: private("/define konsens"), kind: bot.KindAnswer, lang: knowledge.ID, fact: "term-consensus", corrected: true},
		{name: "Indonesian term with the English command replies in Indonesian", msg: private("/define infrastruktur kritis"), kind: bot.KindAnswer,
			lang: knowledge.ID, fact: "term-critical-infrastructure"},
		{name: "English question words around the term", msg: private("/istilah what is a CBM?"), kind: bot.KindAnswer, lang: knowledge.EN, fact: "term-cbm"},
		{name: "Indonesian question words around the term", msg: private("/define apa itu konsensus?"), kind: bot.KindAnswer, lang: knowledge.ID, fact: "term-consensus"},
		{name: "glossary entry kept in another file", msg: private("/define Komite Pertama"), kind: bot.KindAnswer, lang: knowledge.ID, fact: "term-first-committee"},
		{name: "a term phrased as a question goes through the matcher", msg: private("/define what does open-ended mean in OEWG"), kind: bot.KindAnswer,
			lang: knowledge.EN, fact: "term-oewg"},
		{name: "a chosen language wins", msg: &bot.Message{Platform: "test", ChatID: "chosen-id", ChatKind: bot.Private, Addressed: true, Text: "/define what is a CBM?"},
			kind: bot.KindAnswer, lang: knowledge.ID, fact: "term-cbm"},
		{name: "unknown term with nearest terms", msg: private("/define cyber"), kind: bot.KindNotSure, lang: knowledge.EN,
			contains: []string{"“cyber” is not in the glossary.", "/define alone lists every term."}},
		{name: "not a glossary term, but a fact", msg: private("/define sovereignty"), kind: bot.KindNotSure, lang: knowledge.EN,
			contains: []string{"not in the glossary"}, buttons: []string{"/fact sovereignty"}},
		{name: "unknown term in Indonesian", msg: private("/istilah xyzzy"), kind: bot.KindNotSure, lang: knowledge.ID,
			contains: []string{"“xyzzy” tidak ada di glosarium.", "/istilah tanpa argumen"}},
		{name: "a typo as near one term as another is not guessed", msg: private("/define UNODX"), kind: bot.KindNotSure, lang: knowledge.EN,
			buttons: []string{"/define UNODA", "/define UNODC"}},
		{name: "a typo in a short word is not corrected", msg: private("/define Komite IV"), kind: bot.KindNotSure, lang: knowledge.EN},
		{name: "a numbered committee is not another one", msg: private("/define Komite II"), kind: bot.KindAnswer, lang: knowledge.ID, fact: "term-second-committee"},
		{name: "a plural names the entry", msg: private("/define CBMs"), kind: bot.KindAnswer, lang: knowledge.EN, fact: "term-cbm"},
		{name: "one word tells no language", msg: private("/define ITU"), kind: bot.KindNotSure, lang: knowledge.EN},
		{name: "three-letter non-term is not forced onto a term", msg: private("/define GEE"), kind: bot.KindNotSure, lang: knowledge.EN},
		{name: "no argument lists the terms", msg: private("/define"), kind: bot.KindInfo, lang: knowledge.EN,
			contains: []string{"Glossary", "GGE", "/define <term>"}, buttons: []string{"/define GGE", "/define p2"}},
		{name: "no argument in Indonesian", msg: private("/istilah"), kind: bot.KindInfo, lang: knowledge.ID,
			contains: []string{"Glosarium", "/istilah <istilah>"}, buttons: []string{"/istilah GGE", "/istilah p2"}},
		{name: "a page that does not exist", msg: private("/define p99"), kind: bot.KindError, lang: knowledge.EN,
			contains: []string{"There is no page 99"}, buttons: []string{"/define p1"}},
		{name: "group, addressed", msg: group("/define GGE", true), kind: bot.KindAnswer, lang: knowledge.EN, fact: "term-gge"},
		{name: "group, not addressed", msg: group("/define GGE", false), silent: true},
		{name: "group, unknown term addressed", msg: group("/istilah xyzzy", true), kind: bot.KindNotSure, lang: knowledge.ID},
		{name: "broadcast channel", msg: &bot.Message{Platform: "test", ChatID: "c1", ChatKind: bot.Channel, Text: "/define GGE", Addressed: true}, silent: true},
		{name: "markup characters are only text", msg: private("/define <b>*GGE*</b>"), kind: bot.KindNotSure, lang: knowledge.EN,
			contains: []string{"“<b>*GGE*</b>” is not in the glossary."}},
	}
	ctx := context.Background()
	if err := b.Store().UpdateChat(ctx, "test:chosen-id", func(st *bot.Chat) { st.Lang = knowledge.ID }); err != nil {
		t.Fatal(err)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := b.Handle(ctx, tc.msg)
			if tc.silent {
				if r != nil {
					t.Fatalf("want silence, got:\n%s", bot.PlainTextWithButtons(r))
				}
				return
			}
			if r == nil {
				t.Fatal("silence")
			}
			out := bot.PlainTextWithButtons(r)
			if r.Kind != tc.kind || r.Lang != tc.lang {
				t.Fatalf("kind %d in %s, want kind %d in %s:\n%s", r.Kind, r.Lang, tc.kind, tc.lang, out)
			}
			checkButtons(t, r)
			if tc.fact != "" {
				f, ok := base.Get(tc.fact)
				if !ok {
					t.Fatalf("the base has no %s", tc.fact)
				}
				if r.FactID != tc.fact || !strings.Contains(out, f.Answer(tc.lang)) {
					t.Fatalf("want the definition of %s in %s, got %q:\n%s", tc.fact, tc.lang, r.FactID, out)
				}
				if len(f.Sources) == 0 || !strings.Contains(out, f.Sources[0].URL) {
					t.Errorf("the definition's source is missing:\n%s", out)
				}
				note := bot.Text(tc.lang, "define.corrected", "", "")
				note = note[:strings.Index(note, "“")]
				if got := strings.Contains(out, note); got != tc.corrected {
					t.Errorf("correction note shown = %v, want %v:\n%s", got, tc.corrected, out)
				}
			}
			if tc.more != "" {
				f, _ := base.Get(tc.more)
				if !strings.Contains(out, bot.Text(tc.lang, "define.more")+" "+f.Title(tc.lang)) {
					t.Errorf("no pointer to %s:\n%s", tc.more, out)
				}
			}
			for _, s := range tc.contains {
				if !strings.Contains(out, s) {
					t.Errorf("missing %q:\n%s", s, out)
				}
			}
			data := buttonData(r)
			for _, want := range tc.buttons {
				found := false
				for _, d := range data {
					found = found || d == want
				}
				if !found {
					t.Errorf("no button %q among %q", want, data)
				}
			}
		})
	}
}

// TestDefineNearestTerms checks the refusal offers at most three terms, each of which
// answers when pressed.
func TestDefineNearestTerms(t *testing.T) {
	b, _ := glossaryBot(t)
	ctx := context.Background()
	for _, text := range []string{"/define cyber", "/define poa poc", "/istilah norma siber internasional", "/define infrastructure"} {
		t.Run(text, func(t *testing.T) {
			r := b.Handle(ctx, private(text))
			if r == nil || r.Kind == bot.KindAnswer {
				t.Fatalf("want a refusal, got %v", r)
			}
			var terms []string
			for _, d := range buttonData(r) {
				if strings.HasPrefix(d, "/define ") || strings.HasPrefix(d, "/istilah ") {
					terms = append(terms, d)
				}
			}
			if len(terms) == 0 || len(terms) > maxSuggestions {
				t.Fatalf("%d nearest terms offered, want 1–%d:\n%s", len(terms), maxSuggestions, bot.PlainTextWithButtons(r))
			}
			for _, d := range terms {
				pressed := &bot.Message{Platform: "test", ChatID: "p1", ChatKind: bot.Private, Addressed: true, Action: true, Text: d}
				if got := b.Handle(ctx, pressed); got == nil || got.Kind != bot.KindAnswer {
					t.Errorf("pressing %q does not define a term", d)
				}
			}
		})
	}
}

// TestDefineBadInput: odd arguments get a polite reply, never an apology for an
// internal error, a definition picked at random, or a broken button.
func TestDefineBadInput(t *testing.T) {
	b, _ := glossaryBot(t)
	ctx := context.Background()
	long := strings.Repeat("konsensus ", 45)
	for _, tc := range []struct {
		arg       string
		mayAnswer bool // the text does name a term
	}{{"???", false}, {"🙂", false}, {"a", false}, {"p0", false}, {"page", false}, {"<script>alert(1)</script>", false},
		{"`GGE`", true}, {long, true}, {"\u0000", false}, {"/define", false}, {"1", false}, {"zz zz zz zz zz zz", false}} {
		arg := tc.arg
		t.Run(arg[:min(len(arg), 20)], func(t *testing.T) {
			r := b.Handle(ctx, private("/define "+arg))
			if r == nil {
				t.Fatal("silence")
			}
			out := bot.PlainTextWithButtons(r)
			if strings.Contains(out, bot.Text(knowledge.EN, "internal")) {
				t.Fatalf("internal error:\n%s", out)
			}
			if r.Kind == bot.KindAnswer && !tc.mayAnswer {
				t.Errorf("%q answered %s", arg, r.FactID)
			}
			checkButtons(t, r)
		})
	}
}

// TestGlossaryComplete walks the whole list as a user would: every page through its
// buttons, every term by its button, in both languages. Each term is listed once and
// each button answers its own term.
func TestGlossaryComplete(t *testing.T) {
	b, base := glossaryBot(t)
	ctx := context.Background()
	var terms []*knowledge.Fact
	for _, f := range base.Facts() {
		if f.Kind == "term" {
			terms = append(terms, f)
		}
	}
	if len(terms) < 20 {
		t.Fatalf("the glossary has %d terms; the base ships at least 20", len(terms))
	}
	for _, c := range []struct {
		cmd  string
		lang knowledge.Lang
	}{{"/define", knowledge.EN}, {"/istilah", knowledge.ID}} {
		t.Run(string(c.lang), func(t *testing.T) {
			seen := map[string]int{}
			next, pages := c.cmd, 0
			for next != "" {
				pages++
				if pages > 50 {
					t.Fatal("the pages do not end")
				}
				r := b.Handle(ctx, private(next))
				if r == nil || r.Kind != bot.KindInfo || r.Lang != c.lang {
					t.Fatalf("%s: want a list in %s, got %+v", next, c.lang, r)
				}
				checkButtons(t, r)
				if len(r.Buttons) > 5 {
					t.Errorf("%s: %d button rows; Discord shows five", next, len(r.Buttons))
				}
				next = ""
				for _, row := range r.Buttons {
					for _, btn := range row {
						if btn.Label == bot.Text(c.lang, "timeline.next") {
							next = btn.Data
							continue
						}
						if btn.Label == bot.Text(c.lang, "timeline.prev") {
							continue
						}
						if !strings.HasPrefix(btn.Data, c.cmd+" ") {
							t.Errorf("button %q does not keep %s", btn.Data, c.cmd)
						}
						got := b.Handle(ctx, private(btn.Data))
						if got == nil || got.Kind != bot.KindAnswer || got.Lang != c.lang {
							t.Errorf("pressing %q: want a definition in %s, got %+v", btn.Data, c.lang, got)
							continue
						}
						if strings.Contains(bot.PlainText(got), bot.Text(c.lang, "define.corrected", "", "")[:8]) {
							t.Errorf("pressing %q reads as a correction", btn.Data)
						}
						seen[got.FactID]++
					}
				}
			}
			for _, f := range terms {
				if seen[f.ID] != 1 {
					t.Errorf("%s listed %d times", f.ID, seen[f.ID])
				}
			}
			if want := (len(terms) + glossaryPageSize - 1) / glossaryPageSize; pages != want {
				t.Errorf("%d pages, want %d", pages, want)
			}
		})
	}
}

// TestEveryTermByItsNames: each title and alias of a term finds it, unless the name
// belongs to two terms, in which case both are offered.
func TestEveryTermByItsNames(t *testing.T) {
	b, base := glossaryBot(t)
	g := newGlossary(base)
	ctx := context.Background()
	for _, f := range g.Terms() {
		for _, name := range append([]string{f.TitleEN, f.TitleID}, f.Aliases...) {
			if utf8.RuneCountInString(name) > 60 {
				continue
			}
			r := b.Handle(ctx, private("/define "+name))
			if r == nil {
				t.Fatalf("%q: silence", name)
			}
			if len(g.Named(name)) > 1 {
				if r.Kind != bot.KindNotSure {
					t.Errorf("%q names several terms but answered %s", name, r.FactID)
				}
				continue
			}
			if r.Kind != bot.KindAnswer || r.FactID != f.ID {
				t.Errorf("/define %s: want %s, got kind %d %q", name, f.ID, r.Kind, r.FactID)
			}
		}
	}
}

func TestDefineInMenus(t *testing.T) {
	b, _ := glossaryBot(t)
	for _, c := range b.Commands() {
		if c.Name != "define" {
			continue
		}
		if c.Arg != "term" || len(c.AliasesID) == 0 || c.AliasesID[0] != "istilah" {
			t.Errorf("define: arg %q, Indonesian names %q", c.Arg, c.AliasesID)
		}
		for _, d := range []string{c.DescriptionEN, c.DescriptionID} {
			if n := utf8.RuneCountInString(d); n == 0 || n > 100 {
				t.Errorf("description %q has %d characters", d, n)
			}
		}
		return
	}
	t.Error("define is not in the menus")
}

// BenchmarkDefine is one /define through the whole chain over the shipped base: an
// exact name, a typo, and an unknown term (which also asks the matcher).
func BenchmarkDefine(b *testing.B) {
	bt, _ := glossaryBot(b)
	ctx := context.Background()
	for _, q := range []string{"/define GGE", "/istilah konsensis", "/define xyzzy", "/define"} {
		b.Run(strings.TrimPrefix(q, "/"), func(b *testing.B) {
			m := private(q)
			b.ReportAllocs()
			for b.Loop() {
				bt.Handle(ctx, m)
			}
		})
	}
}

// maxSuggestions is how many terms a refusal may offer, as many as any refusal's
// suggestions.
const maxSuggestions = 3

func private(text string) *bot.Message {
	return &bot.Message{Platform: "test", ChatID: "p1", ChatKind: bot.Private, UserID: "u1", Text: text, Addressed: true, IsAdmin: true}
}

func group(text string, addressed bool) *bot.Message {
	return &bot.Message{Platform: "test", ChatID: "g1", ChatKind: bot.Group, UserID: "u2", Text: text, Addressed: addressed}
}

func buttonData(r *bot.Reply) []string {
	var out []string
	for _, row := range r.Buttons {
		for _, b := range row {
			out = append(out, b.Data)
		}
	}
	return out
}
