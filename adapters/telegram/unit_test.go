package telegram

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cyberdiplo/cyberdiplo/adapters/internal/chattext"
	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

func TestSplitPrefersNaturalBoundaries(t *testing.T) {
	para := strings.Repeat("word ", 30) // 150 bytes
	for _, tc := range []struct {
		name  string
		text  string
		limit int
		want  []string
	}{
		{"fits", "short text.", 20, []string{"short text."}},
		{"paragraph first", "First para here.\n\nSecond para. More text", 30, []string{"First para here.", "Second para. More text"}},
		{"sentence before line and word", "One two three. Four five six seven", 25, []string{"One two three.", "Four five six seven"}},
		{"word when no sentence", "alpha beta gamma delta epsilon", 17, []string{"alpha beta gamma", "delta epsilon"}},
		{"hard cut inside one long word", "abcdefghijklmnopqrstuvwxyz", 10, []string{"abcdefghij", "klmnopqrst", "uvwxyz"}},
		{"emoji count two units and are never halved", "🇮🇩🇮🇩🇮🇩", 6, []string{"🇮🇩🇮", "🇩🇮🇩"}},
		{"indonesian sentences", "Ini kalimat pertama. Ini kalimat kedua yang panjang.", 31, []string{"Ini kalimat pertama.", "Ini kalimat kedua yang panjang."}},
		{"long paragraphs", para + "\n\n" + para, 200, []string{strings.TrimSpace(para), strings.TrimSpace(para)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, p := range (doc{{text: tc.text}}).split(tc.limit) {
				got = append(got, p.plain())
				if u := chattext.Units(p.plain()); u > tc.limit {
					t.Errorf("part of %d units > %d", u, tc.limit)
				}
			}
			if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tc.want) {
				t.Errorf("split = %q\n want %q", got, tc.want)
			}
		})
	}
}

func TestSplitNeverCutsMarkup(t *testing.T) {
	d := doc{
		{text: "Intro text that is plain. "},
		{text: "A bold run that is long enough to need cutting somewhere inside.", style: bot.Bold},
		{text: " Then "},
		{text: "a link title", url: "https://example.org/a?b=1&c=2"},
		{text: " and the end."},
	}
	for limit := 12; limit <= 120; limit++ {
		parts := d.split(limit)
		var joined []string
		for _, p := range parts {
			h := p.html()
			if strings.Count(h, "<b>") != strings.Count(h, "</b>") || strings.Count(h, "<a ") != strings.Count(h, "</a>") {
				t.Fatalf("limit %d: part cuts a tag: %s", limit, h)
			}
			if u := chattext.Units(visible(h)); u > limit {
				t.Fatalf("limit %d: part has %d units", limit, u)
			}
			if strings.Contains(h, "<a ") && !strings.Contains(h, ">a link title</a>") && limit > len("a link title") {
				t.Fatalf("limit %d: link cut although it fits: %s", limit, h)
			}
			joined = append(joined, visible(h))
		}
		if got, want := strings.Join(strings.Fields(strings.Join(joined, " ")), " "), strings.Join(strings.Fields(d.plainText()), " "); got != want {
			t.Fatalf("limit %d: text changed by splitting:\n%q\n%q", limit, got, want)
		}
	}
}

// plainText is the document's text without link targets.
func (d doc) plainText() string {
	var b strings.Builder
	for _, s := range d {
		b.WriteString(s.text)
	}
	return b.String()
}

func TestRenderEscapesEveryReservedCharacter(t *testing.T) {
	reserved := []string{"<", ">", "&", `"`, "'", "</a>", "<b>", "&amp;", "&lt;", "_", "*", "[", "]", "(", ")", "~", "`", "#", "+", "-", "=", "|", "{", "}", ".", "!", "\x00", "\xff\xfe"}
	for _, r := range reserved {
		reply := &bot.Reply{Title: r, Blocks: []bot.Block{{Spans: []bot.Span{{Text: "x" + r + "y", Style: bot.Code}, {Text: r, URL: "https://e.org/" + url.PathEscape(r)}}}},
			Sources: []knowledge.Source{{Title: r + "src", URL: "https://e.org/?q=" + r}}, Footer: r}
		h := renderDoc(reply).html()
		for _, tag := range tagRE.FindAllString(h, -1) {
			if !(tag == "<b>" || tag == "</b>" || tag == "<i>" || tag == "</i>" || tag == "<code>" || tag == "</code>" ||
				strings.HasPrefix(tag, `<a href="`) || tag == "</a>") {
				t.Errorf("%q produced tag %s in %s", r, tag, h)
			}
		}
		if strings.Contains(h, "\x00") || !strings.Contains(visible(h), "x"+chattext.Clean(strings.ReplaceAll(r, "\x00", ""))+"y") {
			t.Errorf("%q rendered as %q", r, h)
		}
	}
}

func TestRenderLayout(t *testing.T) {
	r := &bot.Reply{Lang: knowledge.ID, Title: "Judul",
		Blocks:  []bot.Block{{Spans: []bot.Span{{Text: "Baris satu"}}}, {Spans: []bot.Span{{Text: "Baris dua"}}}},
		Sources: []knowledge.Source{{Title: "Laporan", URL: "https://docs.un.org/en/A/70/174", Symbol: "A/70/174"}},
		Footer:  "fakta: gge-2015"}
	want := "<b>Judul</b>\n\nBaris satu\nBaris dua\n\nSumber:\n• <a href=\"https://docs.un.org/en/A/70/174\">Laporan</a> (A/70/174)\n\n<i>fakta: gge-2015</i>"
	if got := renderDoc(r).html(); got != want {
		t.Errorf("html:\n%s\nwant:\n%s", got, want)
	}
	wantPlain := "Judul\n\nBaris satu\nBaris dua\n\nSumber:\n• Laporan (https://docs.un.org/en/A/70/174) (A/70/174)\n\nfakta: gge-2015"
	if got := renderDoc(r).plain(); got != wantPlain {
		t.Errorf("plain:\n%s\nwant:\n%s", got, wantPlain)
	}
}

func TestUTF16Range(t *testing.T) {
	for _, tc := range []struct {
		text         string
		offset, size int
		want         string
		ok           bool
	}{
		{"@ThisBot hi", 0, 8, "@ThisBot", true},
		{"👋 @ThisBot hi", 3, 8, "@ThisBot", true}, // 👋 is 2 units + space
		{"🇮🇩 @ThisBot", 5, 8, "@ThisBot", true},   // a flag is 4 units
		{"é @ThisBot", 2, 8, "@ThisBot", true},    // é is 2 bytes, 1 unit
		{"中文 @ThisBot?", 3, 8, "@ThisBot", true},  // 3 bytes, 1 unit each
		{"👋 @ThisBot", 1, 8, "", false},           // inside a surrogate pair
		{"short", 2, 10, "", false},               // past the end
		{"👋👋👋👋 @ThisBot", 9, 8, "@ThisBot", true},
	} {
		s, e, ok := utf16Range(tc.text, tc.offset, tc.size)
		if ok != tc.ok || ok && tc.text[s:e] != tc.want {
			t.Errorf("utf16Range(%q, %d, %d) = %q %v, want %q %v", tc.text, tc.offset, tc.size, tc.text[s:e], ok, tc.want, tc.ok)
		}
	}
}

func TestAddressingStripsTheBot(t *testing.T) {
	a := &Adapter{me: tgbotapi.User{ID: 4242, UserName: "ThisBot"}, migrated: map[int64]int64{}}
	group := &tgbotapi.Chat{ID: -10, Type: "supergroup"}
	from := &tgbotapi.User{ID: 1, FirstName: "Ana", LastName: "Putri", LanguageCode: "id"}
	for _, tc := range []struct {
		text, want string
		skip       string
	}{
		{"/ask@ThisBot apa itu OEWG?", "/ask apa itu OEWG?", ""},
		{"/help@thisbot", "/help", ""},
		{"/ask apa itu OEWG?", "/ask apa itu OEWG?", ""},
		{"/ask@OtherBot apa itu OEWG?", "", skipOtherBot},
		{"@ThisBot, apa itu OEWG?", "apa itu OEWG?", ""},
		{"👋 @ThisBot: what is the GGE?", "👋 : what is the GGE?", ""},
		{"what is the GGE @ThisBot", "what is the GGE", ""},
		{"what is the GGE?", "", skipChatter},
		{"hey @OtherBot what is the GGE?", "", skipChatter},
	} {
		m := &tgbotapi.Message{MessageID: 5, From: from, Chat: group, Text: tc.text, Entities: entitiesFor(tc.text)}
		in, skip := a.toIncoming(m)
		if skip != tc.skip {
			t.Errorf("%q: skip %q, want %q", tc.text, skip, tc.skip)
			continue
		}
		if in == nil {
			continue
		}
		if in.msg.Text != tc.want || !in.msg.Addressed || in.msg.ChatKind != bot.Group || in.msg.LocaleHint != "id" ||
			in.msg.UserName != "Ana Putri" || in.msg.ChatID != "-10" || in.msg.UserID != "1" {
			t.Errorf("%q -> %+v, want text %q", tc.text, in.msg, tc.want)
		}
	}
	// Anonymous group admins write as the group through Telegram's bot account: they count
	// as admins, not as bots.
	anon := &tgbotapi.Message{MessageID: 6, From: &tgbotapi.User{ID: anonymousAdminID, IsBot: true, UserName: "GroupAnonymousBot"},
		SenderChat: group, Chat: group, Text: "/lang@ThisBot en", Entities: entitiesFor("/lang@ThisBot en")}
	if in, skip := a.toIncoming(anon); in == nil || !in.msg.IsAdmin || in.msg.Text != "/lang en" {
		t.Errorf("anonymous admin: %+v (%s)", in, skip)
	}
	// Someone writing in the group as their channel is a person too, but not an admin.
	asChannel := &tgbotapi.Message{MessageID: 8, From: &tgbotapi.User{ID: channelBotID, IsBot: true, UserName: "Channel_Bot"},
		SenderChat: &tgbotapi.Chat{ID: -2_000_000_000_009, Type: "channel", Title: "Kanal"}, Chat: group,
		Text: "/ask@ThisBot apa itu GGE?", Entities: entitiesFor("/ask@ThisBot apa itu GGE?")}
	if in, skip := a.toIncoming(asChannel); in == nil || in.msg.IsAdmin || in.msg.UserName != "Kanal" {
		t.Errorf("message on behalf of a channel: %+v (%s)", in, skip)
	}
	// Migration notices are remembered, not answered.
	mig := &tgbotapi.Message{MessageID: 7, From: from, Chat: &tgbotapi.Chat{ID: -20, Type: "group"}, MigrateToChatID: -1000000000020}
	if in, _ := a.toIncoming(mig); in != nil || a.currentChat(-20) != -1000000000020 {
		t.Errorf("migration not recorded: %+v", in)
	}
}

func TestPacerKeepsTelegramLimits(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	count := func(p *pacer, n int, chat int64, group bool) []time.Duration {
		var out []time.Duration
		for i := 0; i < n; i++ {
			d, ok := p.reserveAt(t0, chat, group, time.Hour)
			if !ok {
				t.Fatalf("slot refused within an hour")
			}
			out = append(out, d)
		}
		return out
	}
	p := newPacer(1, 20, 3)
	private := count(p, 5, 1, false)
	if want := []time.Duration{0, 0, 0, time.Second, 2 * time.Second}; fmt.Sprint(private) != fmt.Sprint(want) {
		t.Errorf("private chat: %v, want %v", private, want)
	}
	p = newPacer(1, 20, 3)
	group := count(p, 5, -5, true)
	if want := []time.Duration{0, 0, 0, 3 * time.Second, 6 * time.Second}; fmt.Sprint(group) != fmt.Sprint(want) {
		t.Errorf("group: %v, want %v (20 per minute)", group, want)
	}
	// A group's future slot does not hold back other chats.
	p = newPacer(1, 1, 1)
	p.reserveAt(t0, -8, true, time.Hour)
	if d, _ := p.reserveAt(t0, -8, true, time.Hour); d != time.Minute {
		t.Errorf("second message to a 1/min group waits %v", d)
	}
	if d, _ := p.reserveAt(t0, 8, false, time.Hour); d != 0 {
		t.Errorf("another chat waits %v behind a paced group", d)
	}
	// After a 429, the chat waits retry_after.
	p = newPacer(1, 20, 3)
	p.delay(t0, 9, 7*time.Second)
	if d, _ := p.reserveAt(t0, 9, false, time.Hour); d < 7*time.Second {
		t.Errorf("after retry_after 7s the chat may send in %v", d)
	}
	// A slot beyond the caller's patience is refused and not booked: a dropped reply does not
	// push later replies back.
	p = newPacer(1, 20, 1)
	for i := 0; i < 5; i++ {
		p.reserveAt(t0, -7, true, time.Hour) // 0, 3, 6, 9, 12 s
	}
	for i := 0; i < 10; i++ {
		if d, ok := p.reserveAt(t0, -7, true, 10*time.Second); ok || d != 15*time.Second {
			t.Fatalf("overloaded group: wait %v ok=%v, want 15s refused", d, ok)
		}
	}
	if d, ok := p.reserveAt(t0, -7, true, time.Minute); !ok || d != 15*time.Second {
		t.Errorf("after refusals the next slot is %v (ok=%v), want still 15s", d, ok)
	}
	// Idle chats are forgotten.
	p = newPacer(1, 20, 3)
	for i := 0; i < 2000; i++ {
		p.reserveAt(t0.Add(time.Duration(i)*time.Hour), int64(i), true, time.Hour)
	}
	if len(p.chats) > 1100 || len(p.groups) > 1100 {
		t.Errorf("pacer keeps %d chats and %d groups", len(p.chats), len(p.groups))
	}
}

// TestFairGateKeepsTheOverallRate: the gate lets a second's worth through at once, then
// one message per spacing, and a waiting newcomer goes before a chat sent many lately.
func TestFairGateKeepsTheOverallRate(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	g := newFairGate(30)
	for i := range 30 {
		if at := g.nextAt(t0); !at.Equal(t0) {
			t.Fatalf("message %d of the first second waits until %v", i+1, at)
		}
		g.grant(t0, 1)
	}
	if at := g.nextAt(t0); at.Sub(t0) != time.Second/30 {
		t.Errorf("the 31st message may go after %v, want 1/30 s", at.Sub(t0))
	}
	for _, w := range []*gateWaiter{
		{chat: 1, load: g.load(t0, 1), seq: 1, ready: make(chan struct{})},
		{chat: 2, load: g.load(t0, 2), seq: 2, ready: make(chan struct{})},
	} {
		heap.Push(&g.waiting, w)
	}
	g.release(t0.Add(time.Second / 30))
	if len(g.waiting) != 1 || g.waiting[0].chat != 1 {
		t.Errorf("the newcomer (chat 2) was not served first")
	}
}

func TestClassify(t *testing.T) {
	api := func(code int, desc string, p tgbotapi.ResponseParameters) error {
		return &tgbotapi.Error{Code: code, Message: desc, ResponseParameters: p}
	}
	for _, tc := range []struct {
		err  error
		want errorClass
	}{
		{api(429, "Too Many Requests: retry after 5", tgbotapi.ResponseParameters{RetryAfter: 5}), classFlood},
		{api(400, "Bad Request: can't parse entities: x", tgbotapi.ResponseParameters{}), classParse},
		{api(400, "Bad Request: message is not modified", tgbotapi.ResponseParameters{}), classNotModified},
		{api(400, "Bad Request: message to edit not found", tgbotapi.ResponseParameters{}), classEditGone},
		{api(400, "Bad Request: group chat was upgraded", tgbotapi.ResponseParameters{MigrateToChatID: -100}), classMigrated},
		{api(403, "Forbidden: bot was kicked from the group chat", tgbotapi.ResponseParameters{}), classForbidden},
		{api(401, "Unauthorized", tgbotapi.ResponseParameters{}), classUnauthorized},
		{api(409, "Conflict: terminated by other getUpdates request", tgbotapi.ResponseParameters{}), classConflict},
		{api(502, "Bad Gateway", tgbotapi.ResponseParameters{}), classRetry},
		{api(400, "Bad Request: chat not found", tgbotapi.ResponseParameters{}), classPermanent},
		{errors.New("connection reset"), classRetry},
		{fmt.Errorf("wrapped: %w", context.Canceled), classCanceled},
	} {
		if got := classify(tc.err); got != tc.want {
			t.Errorf("classify(%v) = %d, want %d", tc.err, got, tc.want)
		}
	}
}

func TestLongButtonDataIsKeptServerSide(t *testing.T) {
	a := &Adapter{buttons: newButtonStore(2)}
	long := "/ask " + strings.Repeat("x", 80)
	kb := a.keyboard([][]bot.Button{{{Label: "Short", Data: "/timeline 2015 p2"}, {Label: "Long", Data: long}}, {{Label: "", Data: ""}}})
	if kb == nil || len(kb.InlineKeyboard) != 1 || len(kb.InlineKeyboard[0]) != 2 {
		t.Fatalf("keyboard: %+v", kb)
	}
	short, key := *kb.InlineKeyboard[0][0].CallbackData, *kb.InlineKeyboard[0][1].CallbackData
	if short != "/timeline 2015 p2" || len(key) > 64 {
		t.Errorf("callback data %q, %q", short, key)
	}
	if got, ok := a.buttons.get(key); !ok || got != long {
		t.Errorf("stored data %q %v", got, ok)
	}
	a.buttons.put("a")
	a.buttons.put("b")
	if _, ok := a.buttons.get(key); ok {
		t.Error("the store is not bounded")
	}
}
