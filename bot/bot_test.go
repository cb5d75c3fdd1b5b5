package bot

import (
	"context"
	"log/slog"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/cyberdiplo/cyberdiplo/bot/internal/studyfix"
	"github.com/cyberdiplo/cyberdiplo/internal/syncbuf"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// scripted is the matcher's verdict on one test question: the tests script the
// matcher (studyfix.Script) to check the bot's conversation rules and reply
// composition, not retrieval quality.
type scripted = studyfix.Verdict

var testScript = map[string]scripted{
	"what did the 2015 gge report say?":       {Lang: knowledge.EN, Answer: "gge-2015-report"},
	"what is a/70/174?":                       {Lang: knowledge.EN, Answer: "gge-2015-report"},
	"what is a/res/70/237?":                   {Lang: knowledge.EN, Answer: "res-70-237"},
	"apa isi laporan gge 2015?":               {Lang: knowledge.ID, Answer: "gge-2015-report"},
	"apa itu a/70/174?":                       {Lang: knowledge.ID, Answer: "gge-2015-report"},
	"siapa ketua oewg pertama?":               {Lang: knowledge.ID, Answer: "oewg-2019-chair"},
	"what did the gge say about reports?":     {Lang: knowledge.EN, Suggest: []string{"gge-2015-report", "gge-2021-report"}},
	"bagaimana laporan gge?":                  {Lang: knowledge.ID, Suggest: []string{"gge-2015-report", "gge-2021-report"}},
	"what's the weather in jakarta tomorrow?": {Lang: knowledge.EN},
	"bagaimana cuaca di jakarta besok?":       {Lang: knowledge.ID},
}

// newTestBot builds a bot over the small checked fact set in testdata/facts with the
// scripted matcher.
func newTestBot(t testing.TB) *Bot {
	t.Helper()
	base, err := knowledge.Load(os.DirFS("testdata/facts"))
	if err != nil {
		t.Fatalf("loading test facts: %v", err)
	}
	return newBot(base, studyfix.Script{Base: base, Verdicts: testScript}, shipped(Options{}))
}

// embeddedBot builds the shipped bot over the embedded fact base with the real matcher.
func embeddedBot(t testing.TB) *Bot {
	t.Helper()
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return New(base, nil, shipped(Options{}))
}

func private(text string) *Message {
	return &Message{Platform: "test", ChatID: "p1", ChatKind: Private, UserID: "u1", Text: text, Addressed: true, IsAdmin: true}
}

func group(text string, addressed bool) *Message {
	return &Message{Platform: "test", ChatID: "g1", ChatKind: Group, UserID: "u2", Text: text, Addressed: addressed}
}

func buttonData(r *Reply) []string {
	var out []string
	for _, row := range r.Buttons {
		for _, b := range row {
			out = append(out, b.Data)
		}
	}
	return out
}

// TestConversation checks what a user sees for one message at a time.
func TestConversation(t *testing.T) {
	b := newTestBot(t)
	tests := []struct {
		name       string
		msg        *Message
		silent     bool
		kind       ReplyKind
		lang       knowledge.Lang
		contains   []string
		lacks      []string
		buttonData []string // each must be among the reply's buttons
	}{
		{name: "private question answered with answer and UN link",
			msg: private("What did the 2015 GGE report say?"), kind: KindAnswer, lang: knowledge.EN,
			contains:   []string{"The fourth GGE (2014–2015) adopted its consensus report A/70/174", "https://docs.un.org/en/A/70/174", "gge-2015-report", "Sources:"},
			buttonData: []string{"/fact res-70-237", "/fact eleven-norms"}},
		{name: "ask command", msg: private("/ask What is A/70/174?"), kind: KindAnswer,
			contains: []string{"A/70/174", "https://docs.un.org/en/A/70/174"}},
		{name: "indonesian alias answers in Indonesian", msg: private("/tanya Apa isi laporan GGE 2015?"), kind: KindAnswer, lang: knowledge.ID,
			contains: []string{"GGE keempat (2014–2015) mengadopsi laporan konsensus A/70/174", "Sumber:", "https://docs.un.org/en/A/70/174"}},
		{name: "indonesian question answered in Indonesian", msg: private("Siapa ketua OEWG pertama?"), kind: KindAnswer, lang: knowledge.ID,
			contains: []string{"diketuai oleh Duta Besar Jürg Lauber dari Swiss", "UNODA: Open-ended Working Group (https://www.un.org/disarmament/open-ended-working-group/)"}},
		{name: "question language wins over the locale", msg: &Message{Platform: "test", ChatID: "p7", ChatKind: Private, Addressed: true, LocaleHint: "en-GB", Text: "Apa itu A/70/174?"},
			kind: KindAnswer, lang: knowledge.ID, contains: []string{"GGE keempat"}},
		{name: "off-topic refused with scope note and examples", msg: private("What's the weather in Jakarta tomorrow?"), kind: KindNotSure,
			contains: []string{"outside what I know", "You could ask", "/ask What did the 2015 GGE report say?"}, lacks: []string{"Sources:"}},
		{name: "greeting", msg: private("Hello!"), kind: KindInfo, lang: knowledge.EN, contains: []string{"Hello! I answer questions", "/ask "}},
		{name: "Indonesian greeting", msg: private("Selamat pagi"), kind: KindInfo, lang: knowledge.ID, contains: []string{"Halo! Saya menjawab"}},
		{name: "thanks in Indonesian", msg: private("makasih ya!"), kind: KindInfo, lang: knowledge.ID, contains: []string{"Sama-sama"}},
		{name: "a greeting with a question is a question", msg: private("halo, apa itu A/70/174?"), kind: KindNotSure},
		{name: "off-topic in Indonesian", msg: private("Bagaimana cuaca di Jakarta besok?"), kind: KindNotSure, lang: knowledge.ID,
			contains: []string{"di luar pengetahuan saya", "/tanya Apa isi laporan GGE 2015?"}},
		{name: "unsure question gets suggestions, no answer", msg: private("What did the GGE say about reports?"), kind: KindNotSure,
			contains: []string{"not sure", "Did you mean"}, lacks: []string{"Sources:", "adopted"},
			buttonData: []string{"/fact gge-2015-report", "/fact gge-2021-report"}},
		{name: "unsure Indonesian question", msg: private("Bagaimana laporan GGE?"), kind: KindNotSure, lang: knowledge.ID,
			contains: []string{"tidak yakin", "Mungkin maksud Anda"}, buttonData: []string{"/fact gge-2015-report"}},
		{name: "group chatter ignored", msg: group("What is A/70/174?", false), silent: true},
		{name: "group command not addressed ignored", msg: group("/timeline 2015", false), silent: true},
		{name: "group mention answered", msg: group("What is A/70/174?", true), kind: KindAnswer, contains: []string{"A/70/174"}},
		{name: "broadcast channel ignored", msg: &Message{Platform: "test", ChatID: "c", ChatKind: Channel, Text: "/help", Addressed: true}, silent: true},
		{name: "timeline 2015 lists the report and the resolution", msg: private("/timeline 2015"), kind: KindTimeline,
			contains: []string{"2015-07-22", "A/70/174", "2015-12-23", "A/RES/70/237", "page 1 of 1"}, lacks: []string{"A/76/135", "A/RES/53/70"}},
		{name: "timeline range", msg: private("/timeline 2015-2021"), kind: KindTimeline,
			contains: []string{"A/70/174", "A/RES/73/27", "A/76/135"}, lacks: []string{"A/RES/53/70", "A/RES/79/243"}},
		{name: "timeline reversed spaced range", msg: private("/timeline 2021 – 2015"), kind: KindTimeline,
			contains: []string{"Timeline 2015–2021", "A/76/135"}},
		{name: "timeline topic", msg: private("/timeline oewg"), kind: KindTimeline,
			contains: []string{"A/RES/73/27"}, lacks: []string{"A/70/174"}},
		{name: "timeline everything in date order", msg: private("/timeline"), kind: KindTimeline,
			contains: []string{"1998-12-04", "2024-12-24"}},
		{name: "timeline empty year", msg: private("/timeline 2030"), kind: KindInfo, contains: []string{"No events in the timeline for 2030"}},
		{name: "timeline bad filter", msg: private("/timeline banana"), kind: KindError, contains: []string{"did not understand “banana”", "/timeline 2015-2021"}},
		{name: "timeline page beyond the end", msg: private("/timeline 2015 p9"), kind: KindError, contains: []string{"no page 9"}},
		{name: "linimasa in Indonesian", msg: private("/linimasa 2015"), kind: KindTimeline, lang: knowledge.ID,
			contains: []string{"Linimasa 2015", "Laporan konsensus GGE 2015 (A/70/174)", "halaman 1 dari 1"}},
		{name: "fact by id", msg: private("/fact gge-2015-report"), kind: KindAnswer,
			contains: []string{"A/70/174"}, buttonData: []string{"/fact res-70-237"}},
		{name: "fact by symbol", msg: private("/fact A/RES/70/237"), kind: KindAnswer, contains: []string{"23 December 2015"}},
		{name: "fact typo offers did-you-mean", msg: private("/fact gge-2105-report"), kind: KindNotSure,
			contains: []string{"no fact with the id “gge-2105-report”", "Did you mean:\n\n→ 2015 GGE consensus report (A/70/174): /fact gge-2015-report"}, buttonData: []string{"/fact gge-2015-report"}},
		{name: "fact without id", msg: private("/fact"), kind: KindInfo, contains: []string{"/fact cybercrime-convention-2024"}},
		{name: "fakta in Indonesian", msg: private("/fakta res-70-237"), kind: KindAnswer, lang: knowledge.ID, contains: []string{"secara konsensus"}},
		{name: "help lists commands and aliases", msg: private("/help"), kind: KindInfo,
			contains: []string{"/ask <question>", "/timeline [year | from-to | topic] [page]", "/tanya", "/sumber", "/linimasa", "/bahasa", "In a group"}},
		{name: "help addressed to the bot by name", msg: private("/help@cyberdiplo_bot"), kind: KindInfo, contains: []string{"/fact <id>"}},
		{name: "bantuan in Indonesian", msg: private("/bantuan"), kind: KindInfo, lang: knowledge.ID, contains: []string{"Perintah", "Di grup"}},
		{name: "locale hint picks Indonesian", msg: &Message{Platform: "test", ChatID: "p9", ChatKind: Private, Text: "/help", Addressed: true, LocaleHint: "id-ID"},
			kind: KindInfo, lang: knowledge.ID, contains: []string{"Daftar perintah"}},
		{name: "start greets by name with examples", msg: &Message{Platform: "test", ChatID: "p8", ChatKind: Private, Text: "/start", Addressed: true, UserName: "Sari"},
			kind: KindInfo, contains: []string{"Hello Sari!", "Just ask"}},
		{name: "about names the sources and the report address", msg: private("/about"), kind: KindInfo,
			contains: []string{"8 facts", "docs.un.org", DefaultReportURL, "/report <what is wrong>"}},
		{name: "topics lists topics with counts", msg: private("/topics"), kind: KindInfo,
			contains: []string{"gge  Groups of Governmental Experts (GGE) — 3 facts", "cybercrime  Cybercrime track and conventions — 1 fact\n", "/timeline <topic>"}},
		{name: "unknown command near a known one", msg: private("/tmeline 2015"), kind: KindError,
			contains: []string{"don't know the command /tmeline", "Did you mean /timeline?"}, buttonData: []string{"/timeline"}},
		{name: "unknown command far from all", msg: private("/xyzzyplugh"), kind: KindError, contains: []string{"/help lists"}},
		{name: "other bot's command in a group ignored", msg: group("/xyzzyplugh", true), silent: true},
		{name: "typo of our command in a group gets a hint", msg: group("/timelin", true), kind: KindError, contains: []string{"/timeline"}},
		{name: "empty private message", msg: private(""), kind: KindError, contains: []string{"Send me a question"}},
		{name: "whitespace only", msg: private(" \n\t "), kind: KindError, contains: []string{"Send me a question"}},
		{name: "invalid UTF-8", msg: private("\xff\xfe\xfd"), kind: KindError, contains: []string{"could not read"}},
		{name: "binary", msg: private("\x00\x01\x02\x03\x04\x05ab"), kind: KindError, contains: []string{"could not read"}},
		{name: "control characters removed", msg: private("What is\x00 A/70/174?\x07"), kind: KindAnswer, contains: []string{"A/70/174"}},
		{name: "huge question gets a note about the limit", msg: private(strings.Repeat("why ", 200)), kind: KindError,
			contains: []string{"too long", "800 characters", "limit is 500"}},
		{name: "markup characters are harmless", msg: private("<b>*_[]()~`>#+-=|{}.!</b>"), kind: KindNotSure},
		{name: "500 characters are accepted", msg: private(strings.Repeat("é", 500)), kind: KindNotSure},
		{name: "501 characters are not", msg: private(strings.Repeat("é", 501)), kind: KindError, contains: []string{"501 characters"}},
		{name: "lone slash is a question", msg: private("/"), kind: KindNotSure},
		{name: "ask without question", msg: private("/ask"), kind: KindInfo, contains: []string{"/ask What is the OEWG?"}},
		{name: "tanya without question", msg: private("/tanya"), kind: KindInfo, lang: knowledge.ID, contains: []string{"/tanya Apa itu OEWG?"}},
		{name: "lang without argument", msg: private("/lang"), kind: KindInfo, contains: []string{"/lang en or /lang id", "the language of each question"}},
		{name: "lang with a bad argument", msg: private("/lang klingon"), kind: KindError, contains: []string{"/lang en or /lang id"}},
		{name: "lang in a group needs an admin", msg: group("/lang id", true), kind: KindError, contains: []string{"Only a group admin"}},
		{name: "source before any answer", msg: &Message{Platform: "test", ChatID: "fresh", ChatKind: Private, Text: "/source", Addressed: true},
			kind: KindInfo, contains: []string{"no answer in this chat yet"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := b.Handle(context.Background(), tc.msg)
			if tc.silent {
				if r != nil {
					t.Fatalf("want silence, got %q", PlainTextWithButtons(r))
				}
				return
			}
			if r == nil {
				t.Fatal("want a reply, got silence")
			}
			out := PlainTextWithButtons(r)
			if r.Kind != tc.kind {
				t.Errorf("kind = %d, want %d; reply:\n%s", r.Kind, tc.kind, out)
			}
			if tc.lang != "" && r.Lang != tc.lang {
				t.Errorf("lang = %q, want %q", r.Lang, tc.lang)
			}
			for _, s := range tc.contains {
				if !strings.Contains(out, s) {
					t.Errorf("reply lacks %q:\n%s", s, out)
				}
			}
			for _, s := range tc.lacks {
				if strings.Contains(out, s) {
					t.Errorf("reply has %q:\n%s", s, out)
				}
			}
			data := buttonData(r)
			for _, want := range tc.buttonData {
				found := false
				for _, d := range data {
					found = found || d == want
				}
				if !found {
					t.Errorf("no button %q among %q", want, data)
				}
			}
			for _, d := range data {
				if len(d) > maxButtonData {
					t.Errorf("button data %q is %d bytes, more than %d", d, len(d), maxButtonData)
				}
			}
		})
	}
}

// TestConversationState follows one chat through several messages.
func TestConversationState(t *testing.T) {
	b := newTestBot(t)
	ctx := context.Background()
	say := func(text string) *Reply {
		t.Helper()
		r := b.Handle(ctx, private(text))
		if r == nil {
			t.Fatalf("%q: silence", text)
		}
		return r
	}
	r := say("What is A/RES/70/237?")
	if r.Kind != KindAnswer || r.FactID != "res-70-237" {
		t.Fatalf("answer = %q (kind %d), want res-70-237", r.FactID, r.Kind)
	}
	src := PlainText(say("/source"))
	for _, want := range []string{"Sources for: Resolution 70/237", "General Assembly resolution 70/237 (https://docs.un.org/en/A/RES/70/237)", "https://docs.un.org/en/A/70/174"} {
		if !strings.Contains(src, want) {
			t.Errorf("/source lacks %q:\n%s", want, src)
		}
	}
	if r := say("/lang id"); r.Lang != knowledge.ID || !strings.Contains(PlainText(r), "bahasa Indonesia") {
		t.Errorf("/lang id reply = %q in %q", PlainText(r), r.Lang)
	}
	r = say("What is A/70/174?")
	if r.Lang != knowledge.ID || !strings.Contains(PlainText(r), "GGE keempat") {
		t.Errorf("after /lang id, an English question got %q:\n%s", r.Lang, PlainText(r))
	}
	if r := say("/sumber"); !strings.Contains(PlainText(r), "Sumber untuk: Laporan konsensus GGE 2015") {
		t.Errorf("/sumber after the second answer:\n%s", PlainText(r))
	}
	say("/lang auto")
	if r := say("What is A/70/174?"); r.Lang != knowledge.EN {
		t.Errorf("after /lang auto, an English question got %q", r.Lang)
	}
	say("/bahasa en")
	if r := say("/tanya Apa itu A/70/174?"); r.Lang != knowledge.EN {
		t.Errorf("a chosen language must win over an Indonesian alias, got %q", r.Lang)
	}
	// Another chat keeps its own state.
	other := &Message{Platform: "test", ChatID: "p2", ChatKind: Private, Text: "/source", Addressed: true}
	if r := b.Handle(ctx, other); !strings.Contains(PlainText(r), "no answer in this chat yet") {
		t.Errorf("state leaked between chats:\n%s", PlainText(r))
	}
}

// TestRefusalComposition checks the "not sure" reply independently of the matcher.
func TestRefusalComposition(t *testing.T) {
	b := newTestBot(t)
	f1, _ := b.Base().Get("gge-2015-report")
	f2, _ := b.Base().Get("gge-2021-report")
	f3, _ := b.Base().Get("res-70-237")
	f4, _ := b.Base().Get("res-73-27")
	for _, lang := range []knowledge.Lang{knowledge.EN, knowledge.ID} {
		r := b.notSureReply([]*knowledge.Fact{f1, f2, f3, f4}, lang)
		out := PlainTextWithButtons(r)
		if r.Kind != KindNotSure || r.Lang != lang || r.FactID != "" {
			t.Errorf("%s: kind %d lang %q fact %q", lang, r.Kind, r.Lang, r.FactID)
		}
		if got := len(buttonData(r)); got != 3 {
			t.Errorf("%s: %d suggestions, want at most 3", lang, got)
		}
		if !strings.Contains(out, text(lang, "notsure")) || !strings.Contains(out, f1.Title(lang)) {
			t.Errorf("%s: refusal text:\n%s", lang, out)
		}
		if strings.Contains(out, f4.Title(lang)) {
			t.Errorf("%s: a fourth suggestion was shown", lang)
		}
	}
	if r := b.notSureReply(nil, knowledge.ID); !strings.Contains(PlainText(r), "/topik") || len(r.Buttons) != 0 {
		t.Errorf("refusal without suggestions:\n%s", PlainText(r))
	}
}

// syntheticTimeline builds a base of n timeline events with long titles to force paging.
// The events are test fixtures, clearly named as such, never shipped.
func syntheticTimeline(t testing.TB, n int) *Bot {
	t.Helper()
	var sb strings.Builder
	for i := 0; i < n; i++ {
		year := 1998 + i%29
		sb.WriteString("[[fact]]\n")
		sb.WriteString("id = \"synthetic-" + itoa(i) + "\"\nkind = \"event\"\n")
		sb.WriteString("date = \"" + itoa(year) + "-0" + itoa(1+i%9) + "-1" + itoa(i%10) + "\"\n")
		sb.WriteString("topics = [\"gge\"]\ntimeline = true\n")
		title := "Synthetic test event number " + itoa(i) + " with a long title to fill the page " + strings.Repeat("x", 40)
		sb.WriteString("title_en = \"" + title + "\"\ntitle_id = \"Peristiwa uji " + itoa(i) + " " + strings.Repeat("y", 60) + "\"\n")
		sb.WriteString("answer_en = \"Test.\"\nanswer_id = \"Uji.\"\n")
		sb.WriteString("questions_en = [\"a\", \"b\", \"c\"]\nquestions_id = [\"a\", \"b\", \"c\"]\n")
		sb.WriteString("[[fact.sources]]\ntitle = \"t\"\nurl = \"https://example.org/\"\n\n")
	}
	dir := t.TempDir()
	if err := os.WriteFile(dir+"/synthetic.toml", []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	base, err := knowledge.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	return New(base, knowledge.NewMatcher(base), shipped(Options{}))
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// TestTimelinePaging walks the pages with the buttons a user would press.
func TestTimelinePaging(t *testing.T) {
	const events = 120
	b := syntheticTimeline(t, events)
	for _, lang := range []knowledge.Lang{knowledge.EN, knowledge.ID} {
		cmd := "/timeline"
		if lang == knowledge.ID {
			cmd = "/linimasa"
		}
		seen := map[string]bool{}
		var lastDate string
		pages := 0
		for cmd != "" {
			pages++
			if pages > events {
				t.Fatal("paging does not end")
			}
			r := b.Handle(context.Background(), private(cmd))
			if r.Kind != KindTimeline {
				t.Fatalf("%s: kind %d:\n%s", cmd, r.Kind, PlainText(r))
			}
			if n := utf8.RuneCountInString(PlainText(r)); n > MaxPageRunes {
				t.Errorf("%s: page is %d characters, more than %d", cmd, n, MaxPageRunes)
			}
			for _, blk := range r.Blocks {
				line := plainSpans(blk.Spans)
				if seen[line] {
					t.Errorf("%s: line shown twice: %s", cmd, line)
				}
				seen[line] = true
				date := blk.Spans[0].Text
				if date < lastDate {
					t.Errorf("%s: %s comes after %s", cmd, date, lastDate)
				}
				lastDate = date
			}
			next := ""
			for _, btn := range r.Buttons[0] {
				if len(btn.Data) > maxButtonData {
					t.Errorf("button data %q longer than 64 bytes", btn.Data)
				}
				if btn.Label == text(lang, "timeline.next") {
					next = btn.Data
				}
				if pages == 1 && btn.Label == text(lang, "timeline.prev") {
					t.Errorf("first page offers a previous page")
				}
			}
			cmd = next
		}
		if len(seen) != events {
			t.Errorf("%s: paging showed %d events, want %d", lang, len(seen), events)
		}
		if pages < 3 {
			t.Errorf("%s: %d pages; the fixture should need several", lang, pages)
		}
	}
	// Filters survive in the buttons.
	r := b.Handle(context.Background(), private("/timeline gge 2000-2020 p2"))
	got := buttonData(r)
	want := []string{"/timeline gge 2000-2020", "/timeline gge 2000-2020 p3"}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("buttons = %q, want %q", got, want)
	}
}

func TestParseTimeline(t *testing.T) {
	tests := []struct {
		in        string
		canonical string
		page      int
		bad       string
	}{
		{"", "", 1, ""},
		{"2015", "2015", 1, ""},
		{"2015-2021", "2015-2021", 1, ""},
		{"2021..2015", "2015-2021", 1, ""},
		{"2015 — 2021 p3", "2015-2021", 3, ""},
		{"OEWG", "oewg", 1, ""},
		{"p2 gge 2015", "gge 2015", 2, ""},
		{"halaman2", "", 2, ""},
		{"3", "", 3, ""},
		{"1850", "", 1, "1850"},
		{"2015 2016", "2015", 1, "2016"},
		{"p0", "", 1, "p0"},
		{"weather", "", 1, "weather"},
	}
	for _, tc := range tests {
		q, bad := parseTimeline(tc.in)
		if bad != tc.bad {
			t.Errorf("%q: bad = %q, want %q", tc.in, bad, tc.bad)
			continue
		}
		if bad == "" && (q.canonical() != tc.canonical || q.page != tc.page) {
			t.Errorf("%q: got %q p%d, want %q p%d", tc.in, q.canonical(), q.page, tc.canonical, tc.page)
		}
	}
}

func TestPanicBecomesPoliteError(t *testing.T) {
	base, err := knowledge.Load(os.DirFS("testdata/facts"))
	if err != nil {
		t.Fatal(err)
	}
	var logs syncbuf.Buffer
	b := newBot(base, studyfix.Script{Base: base, Verdicts: testScript}, shipped(Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))}))
	b.Register(Command{Name: "boom", DescriptionEN: "test", DescriptionID: "uji", Hidden: true,
		Handler: HandlerFunc(func(context.Context, *Message) *Reply { panic("kaboom") })})
	r := b.Handle(context.Background(), private("/boom"))
	if r == nil || r.Kind != KindError || !strings.Contains(PlainText(r), "something went wrong") {
		t.Fatalf("reply = %#v", r)
	}
	if strings.Contains(PlainText(r), "kaboom") {
		t.Error("panic value leaked into the chat")
	}
	m := regexp.MustCompile(`error id ([0-9a-f]{8})`).FindStringSubmatch(PlainText(r))
	if m == nil || !strings.Contains(logs.String(), "error_id="+m[1]) || !strings.Contains(logs.String(), "kaboom") {
		t.Errorf("the apology's error id is not in the log:\nreply: %s\nlog: %s", PlainText(r), logs.String())
	}
	if r := b.Handle(context.Background(), private("/help")); r == nil || r.Kind != KindInfo {
		t.Error("the next message after a panic was not answered normally")
	}
}

func TestRegisterExtendsTheRouter(t *testing.T) {
	b := newTestBot(t)
	b.Register(Command{Name: "demo", AliasesID: []string{"contoh"}, DescriptionEN: "Demo", DescriptionID: "Contoh",
		Handler: HandlerFunc(func(ctx context.Context, m *Message) *Reply {
			lang, _ := LangFrom(ctx)
			return &Reply{Kind: KindInfo, Lang: lang, Blocks: []Block{para("demo:" + Args(m))}}
		})})
	r := b.Handle(context.Background(), private("/contoh 3"))
	if r == nil || PlainText(r) != "demo:3" || r.Lang != knowledge.ID {
		t.Fatalf("/contoh reply = %#v", r)
	}
	found := false
	for _, c := range b.Commands() {
		found = found || c.Name == "demo"
	}
	if !found {
		t.Error("registered command missing from Commands()")
	}
	defer func() {
		if recover() == nil {
			t.Error("registering /tanya twice did not panic")
		}
	}()
	b.Register(Command{Name: "tanya", DescriptionEN: "x", DescriptionID: "x", Handler: HandlerFunc(func(context.Context, *Message) *Reply { return nil })})
}

func TestCommandsForMenus(t *testing.T) {
	b := newTestBot(t)
	cmds := b.Commands()
	want := map[string]string{"start": "", "help": "", "ask": "question", "timeline": "filter", "topics": "", "fact": "id", "source": "", "lang": "language", "about": ""}
	seen := map[string]bool{}
	for _, c := range cmds {
		if seen[c.Name] {
			t.Errorf("%s listed twice", c.Name)
		}
		seen[c.Name] = true
		if arg, ok := want[c.Name]; ok && arg != c.Arg {
			t.Errorf("%s: arg %q, want %q", c.Name, c.Arg, arg)
		}
		for _, d := range []string{c.DescriptionEN, c.DescriptionID} {
			if n := utf8.RuneCountInString(d); n == 0 || n > 100 {
				t.Errorf("%s: description %q has %d characters", c.Name, d, n)
			}
		}
	}
	for name := range want {
		if !seen[name] {
			t.Errorf("command %s missing", name)
		}
	}
}

func TestAsk(t *testing.T) {
	b := newTestBot(t)
	ctx := context.Background()
	a := b.Ask(ctx, "What is A/70/174?", "")
	if !a.Answered() || a.Reply.FactID != "gge-2015-report" || a.Result.Best.Fact == nil {
		t.Fatalf("Ask = %+v", a)
	}
	a = b.Ask(ctx, "What is A/70/174?", knowledge.ID)
	if a.Lang != knowledge.ID || !strings.Contains(PlainText(a.Reply), "GGE keempat") {
		t.Errorf("forced Indonesian: %q\n%s", a.Lang, PlainText(a.Reply))
	}
	a = b.Ask(ctx, strings.Repeat("a", 501), "")
	if a.Answered() || a.Reply.Kind != KindError {
		t.Errorf("overlong question: %+v", a.Reply)
	}
	a = b.Ask(ctx, "What's the weather in Jakarta tomorrow?", "")
	if a.Answered() || a.Reply.Kind != KindNotSure {
		t.Errorf("off-topic question answered: %s", PlainText(a.Reply))
	}
}

func TestFactReplyAndSuggest(t *testing.T) {
	b := newTestBot(t)
	if r := b.FactReply("no-such-fact", knowledge.EN); r != nil {
		t.Errorf("unknown id gave %#v", r)
	}
	r := b.FactReply("cybercrime-convention-2024", knowledge.ID)
	if r == nil || r.Kind != KindAnswer || r.Lang != knowledge.ID || !strings.Contains(PlainText(r), "https://docs.un.org/en/A/RES/79/243") {
		t.Fatalf("FactReply = %#v", r)
	}
	if got := b.Suggest("GGE", knowledge.EN, 2); len(got) == 0 || len(got) > 2 {
		t.Errorf("Suggest(GGE) = %v", got)
	}
	if got := b.Suggest("\xff", knowledge.EN, 2); got != nil {
		t.Errorf("Suggest(invalid) = %v", got)
	}
}

func TestConcurrentChats(t *testing.T) {
	b := newTestBot(t)
	var wg sync.WaitGroup
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			m := &Message{Platform: "test", ChatID: itoa(i % 4), ChatKind: Private, Addressed: true}
			for _, txt := range []string{"/lang id", "What is A/70/174?", "/source", "/timeline 2015", "/lang en"} {
				m.Text = txt
				if r := b.Handle(context.Background(), m); r == nil {
					t.Errorf("%q: silence", txt)
				}
			}
		}(i)
	}
	wg.Wait()
}

func TestCatalogComplete(t *testing.T) {
	for key, m := range catalog {
		if strings.TrimSpace(m.en) == "" || strings.TrimSpace(m.id) == "" {
			t.Errorf("%s: a language is missing", key)
		}
		if strings.Count(m.en, "%") != strings.Count(m.id, "%") {
			t.Errorf("%s: the languages take different arguments", key)
		}
	}
}

func TestChain(t *testing.T) {
	var order []string
	mw := func(name string) Middleware {
		return func(next Handler) Handler {
			return HandlerFunc(func(ctx context.Context, m *Message) *Reply {
				order = append(order, name)
				return next.Handle(ctx, m)
			})
		}
	}
	h := Chain(HandlerFunc(func(context.Context, *Message) *Reply { order = append(order, "h"); return nil }), mw("a"), mw("b"))
	h.Handle(context.Background(), private("x"))
	if strings.Join(order, ",") != "a,b,h" {
		t.Errorf("order = %v", order)
	}
}

func TestMemoryStore(t *testing.T) {
	s := NewMemoryStore()
	ctx := context.Background()
	st, err := s.Chat(ctx, "x")
	if err != nil || st != NewChat() {
		t.Fatalf("new chat: %+v, %v", st, err)
	}
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = s.UpdateChat(ctx, "x", func(st *Chat) { st.Last.FactID += "." })
		}()
	}
	wg.Wait()
	st, _ = s.Chat(ctx, "x")
	if len(st.Last.FactID) != 50 {
		t.Errorf("lost updates: %d of 50", len(st.Last.FactID))
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.Chat(cancelled, "x"); err == nil {
		t.Error("Get ignores a cancelled context")
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "", 3}, {"", "ab", 2}, {"timeline", "timeline", 0},
		{"tmeline", "timeline", 1}, {"timelnie", "timeline", 1}, {"2105", "2015", 1},
		{"kitten", "sitting", 3}, {"linimasa", "lini", 4}, {"é", "e", 1},
	}
	for _, tc := range tests {
		if got := editDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := editDistance(tc.b, tc.a); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d (not symmetric)", tc.b, tc.a, got, tc.want)
		}
	}
}

func TestLocaleLang(t *testing.T) {
	tests := map[string]knowledge.Lang{"id": knowledge.ID, "id-ID": knowledge.ID, "in_ID": knowledge.ID, "en-US": knowledge.EN, "EN": knowledge.EN, "fr": "", "": "", "ind": knowledge.ID, "IN-id": knowledge.ID, "idk": "", "english": ""}
	for in, want := range tests {
		got, _ := LocaleLang(in)
		if got != want {
			t.Errorf("LocaleLang(%q) = %q, want %q", in, got, want)
		}
	}
}

func BenchmarkHandleQuestion(b *testing.B) {
	bot := newTestBot(b)
	m := private("What did the 2015 GGE report say?")
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		bot.Handle(ctx, m)
	}
}

func BenchmarkTimelinePage(b *testing.B) {
	bot := syntheticTimeline(b, 200)
	m := private("/timeline 2000-2020 p2")
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		bot.Handle(ctx, m)
	}
}
