package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/cyberdiplo/cyberdiplo/adapters/internal/chattext"
	"github.com/cyberdiplo/cyberdiplo/adapters/internal/testbrain"
	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/standard"
	"github.com/cyberdiplo/cyberdiplo/internal/syncbuf"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

var brainCache testbrain.Cache

// theBrain is the real bot over the embedded fact base, shared by the tests.
func theBrain(t testing.TB) *bot.Bot { return brainCache.Get(t, bot.Options{BotName: "@ThisBot"}) }

// probe asks the brain directly, in a chat of its own, what it answers to text.
func probe(b brain, kind bot.ChatKind, text, locale string, action bool) *bot.Reply {
	return b.Handle(context.Background(), &bot.Message{Platform: "probe", ChatID: "probe-" + strconv.FormatInt(time.Now().UnixNano(), 10),
		ChatKind: kind, UserID: "1", Text: text, Addressed: true, LocaleHint: locale, Action: action, IsAdmin: true})
}

// answerable finds a curated question the real brain answers with a sourced fact in lang.
func answerable(t testing.TB, b *bot.Bot, lang knowledge.Lang) (string, *bot.Reply) {
	t.Helper()
	return answerableWhere(t, b, lang, func(*bot.Reply) bool { return true })
}

// answerableWhere is answerable with an extra condition on the answer.
func answerableWhere(t testing.TB, b *bot.Bot, lang knowledge.Lang, ok func(*bot.Reply) bool) (string, *bot.Reply) {
	t.Helper()
	for _, f := range b.Base().Facts() {
		for _, q := range f.Questions(lang) {
			r := probe(b, bot.Private, q, string(lang), false)
			if r != nil && r.Kind == bot.KindAnswer && r.FactID == f.ID && r.Lang == lang && len(r.Sources) > 0 && ok(r) {
				return q, r
			}
		}
	}
	t.Fatalf("no %s question in the fact base is answered", lang)
	return "", nil
}

// visible is what a user sees of a Telegram HTML text: tags removed, entities decoded.
func visible(s string) string { return html.UnescapeString(tagRE.ReplaceAllString(s, "")) }

var tagRE = regexp.MustCompile(`<[^>]*>`)

// firstText is the first non-empty span text of a reply, a piece the user must see.
func firstText(r *bot.Reply) string {
	for _, b := range r.Blocks {
		for _, s := range b.Spans {
			if strings.TrimSpace(s.Text) != "" {
				return s.Text
			}
		}
	}
	return r.Title
}

// assertAnswer checks a sent HTML message shows the reply's text and links its sources.
// answerOrSilence checks what a chat was sent: exactly one answer, want, when answers
// is true, and nothing otherwise. ok is true when there was the answer, got.
func answerOrSilence(t *testing.T, sent []url.Values, answers bool, want *bot.Reply) (got url.Values, ok bool) {
	t.Helper()
	if !answers {
		if len(sent) != 0 {
			t.Fatalf("expected silence, got %q", sent[0].Get("text"))
		}
		return nil, false
	}
	if len(sent) != 1 {
		t.Fatalf("expected one answer, got %d", len(sent))
	}
	assertAnswer(t, sent[0], want)
	return sent[0], true
}

func assertAnswer(t *testing.T, got url.Values, want *bot.Reply) {
	t.Helper()
	text := got.Get("text")
	if got.Get("parse_mode") != "HTML" {
		t.Errorf("parse_mode = %q, want HTML", got.Get("parse_mode"))
	}
	if w := firstText(want); !strings.Contains(visible(text), w) {
		t.Errorf("reply does not show %q:\n%s", w, text)
	}
	for _, s := range want.Sources {
		if link := `<a href="` + htmlEscaper.Replace(s.URL) + `">`; !strings.Contains(text, link) {
			t.Errorf("reply does not link source %s:\n%s", s.URL, text)
		}
	}
}

// handledPast waits until the adapter finished every update pushed up to id, replies
// included. It is the sync point for "no reply was sent".
func handledPast(f *fakeAPI, id int) {
	f.t.Helper()
	f.waitFor(fmt.Sprintf("update %d handled", id), func() bool {
		for u := 100; u <= id; u++ {
			if !f.inbox.isFinished(u) {
				return false
			}
		}
		return true
	})
}

func waitSent(f *fakeAPI, chatID int64, n int) []url.Values {
	f.t.Helper()
	id := strconv.FormatInt(chatID, 10)
	f.waitFor(fmt.Sprintf("%d messages to chat %d", n, chatID), func() bool {
		k := 0
		for _, c := range f.callsOfLocked("sendMessage") {
			if c.Get("chat_id") == id && c.Get("failed") == "" {
				k++
			}
		}
		return k >= n
	})
	return f.sent(chatID)
}

func TestGetMeAndCommandMenus(t *testing.T) {
	f := newFakeAPI(t)
	b := theBrain(t)
	r := start(t, testConfig(f), b)
	if len(f.callsOf("getMe")) == 0 {
		t.Fatal("getMe was not called")
	}
	if r.a.me.UserName != "ThisBot" {
		t.Errorf("bot username = %q", r.a.me.UserName)
	}
	f.waitFor("four command menus", func() bool { return len(f.callsOfLocked("setMyCommands")) >= 4 })
	calls := f.callsOf("setMyCommands")
	type key struct{ scope, lang string }
	seen := map[key][]tgbotapi.BotCommand{}
	for _, c := range calls {
		var scope tgbotapi.BotCommandScope
		var cmds []tgbotapi.BotCommand
		if err := json.Unmarshal([]byte(c.Get("scope")), &scope); err != nil {
			t.Fatalf("scope: %v", err)
		}
		if err := json.Unmarshal([]byte(c.Get("commands")), &cmds); err != nil {
			t.Fatalf("commands: %v", err)
		}
		seen[key{scope.Type, c.Get("language_code")}] = cmds
	}
	infos := b.Commands()
	for _, scope := range []string{"all_private_chats", "all_group_chats"} {
		for _, lang := range []string{"", "id"} {
			cmds, ok := seen[key{scope, lang}]
			if !ok {
				t.Errorf("no setMyCommands for scope %s language %q", scope, lang)
				continue
			}
			if len(cmds) != len(infos) {
				t.Errorf("%s/%q: %d commands, brain has %d", scope, lang, len(cmds), len(infos))
				continue
			}
			for i, c := range cmds {
				want := infos[i].DescriptionEN
				if lang == "id" {
					want = infos[i].DescriptionID
				}
				if c.Command != infos[i].Name || c.Description != want {
					t.Errorf("%s/%q: command %d = %+v, want %s %q", scope, lang, i, c, infos[i].Name, want)
				}
			}
		}
	}
}

func TestPrivateQuestionsAnsweredWithSources(t *testing.T) {
	b := theBrain(t)
	for _, tc := range []struct {
		name   string
		lang   knowledge.Lang
		locale string
	}{
		{"english", knowledge.EN, "en"},
		{"indonesian", knowledge.ID, "id"},
		// The client language is only a hint: an Indonesian question from an English client.
		{"indonesian from an english client", knowledge.ID, "en-US"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeAPI(t)
			start(t, testConfig(f), b)
			q, want := answerable(t, b, tc.lang)
			chat := int64(501)
			f.push(message(chat, user(chat, tc.locale), q))
			got := waitSent(f, chat, 1)
			assertAnswer(t, got[0], want)
			if got[0].Get("reply_to_message_id") != "" {
				t.Error("a private answer should not quote the question")
			}
		})
	}
}

func TestGroupAddressing(t *testing.T) {
	b := theBrain(t)
	q, want := answerable(t, b, knowledge.EN)
	me := tgbotapi.User{ID: 4242, IsBot: true, UserName: "ThisBot", FirstName: "Cyber Diplo"}
	human := user(9001, "en")
	otherBot := tgbotapi.User{ID: 5555, IsBot: true, UserName: "OtherBot", FirstName: "Other"}
	cases := []struct {
		name    string
		upd     func(chat int64) tgbotapi.Update
		answers bool
	}{
		{"chatter is ignored", func(c int64) tgbotapi.Update { return message(c, human, q) }, false},
		{"/ask is answered", func(c int64) tgbotapi.Update { return message(c, human, "/ask "+q) }, true},
		{"/ask@ThisBot is answered", func(c int64) tgbotapi.Update { return message(c, human, "/ask@ThisBot "+q) }, true},
		{"/ask@thisbot (any case) is answered", func(c int64) tgbotapi.Update { return message(c, human, "/ask@thisbot "+q) }, true},
		{"/ask@OtherBot is ignored", func(c int64) tgbotapi.Update { return message(c, human, "/ask@OtherBot "+q) }, false},
		{"mention after emoji is answered", func(c int64) tgbotapi.Update { return message(c, human, "🇮🇩👋🏽 @ThisBot "+q) }, true},
		{"mention at the end is answered", func(c int64) tgbotapi.Update { return message(c, human, q+" @ThisBot") }, true},
		{"mention of another bot is ignored", func(c int64) tgbotapi.Update { return message(c, human, "😀 @OtherBot "+q) }, false},
		{"reply to the bot is answered", func(c int64) tgbotapi.Update {
			u := message(c, human, q)
			u.Message.ReplyToMessage = &tgbotapi.Message{MessageID: 1, From: &me, Chat: u.Message.Chat, Text: "earlier answer"}
			return u
		}, true},
		{"reply to a human is ignored", func(c int64) tgbotapi.Update {
			u := message(c, human, q)
			u.Message.ReplyToMessage = &tgbotapi.Message{MessageID: 1, From: &human, Chat: u.Message.Chat, Text: "hi"}
			return u
		}, false},
		{"a bot's command is ignored", func(c int64) tgbotapi.Update { return message(c, otherBot, "/ask@ThisBot "+q) }, false},
		{"caption mentioning the bot is answered", func(c int64) tgbotapi.Update {
			u := message(c, human, "")
			u.Message.Photo = []tgbotapi.PhotoSize{{FileID: "p", Width: 10, Height: 10}}
			u.Message.Caption = "📷 @ThisBot " + q
			u.Message.CaptionEntities = entitiesFor(u.Message.Caption)
			return u
		}, true},
	}
	f := newFakeAPI(t)
	start(t, testConfig(f), b)
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			chat := int64(-4000 - i)
			if i%2 == 0 {
				chat = -1_000_000_000_000 - int64(i) // supergroups too
			}
			u := tc.upd(chat)
			ids := f.push(u)
			handledPast(f, ids[0])
			got, ok := answerOrSilence(t, f.sent(chat), tc.answers, want)
			if !ok {
				return
			}
			if got.Get("reply_to_message_id") != strconv.Itoa(u.Message.MessageID) {
				t.Errorf("group answer quotes %q, want the question %d", got.Get("reply_to_message_id"), u.Message.MessageID)
			}
		})
	}
}

func TestOtherKindsOfUpdates(t *testing.T) {
	b := theBrain(t)
	q, want := answerable(t, b, knowledge.EN)
	person := user(777, "en")
	channel := &tgbotapi.Chat{ID: -2_000_000_000_001, Type: "channel", Title: "Study channel"}
	cases := []struct {
		name    string
		upd     tgbotapi.Update
		chat    int64
		answers bool
	}{
		{"edited message is ignored", func() tgbotapi.Update {
			u := message(777, person, q)
			return tgbotapi.Update{EditedMessage: u.Message}
		}(), 777, false},
		{"sticker is ignored", func() tgbotapi.Update {
			u := message(778, person, "")
			u.Message.Sticker = &tgbotapi.Sticker{FileID: "s", Emoji: "👍"}
			return u
		}(), 778, false},
		{"photo without caption is ignored", func() tgbotapi.Update {
			u := message(779, person, "")
			u.Message.Photo = []tgbotapi.PhotoSize{{FileID: "p"}}
			return u
		}(), 779, false},
		{"photo with a caption question is answered", func() tgbotapi.Update {
			u := message(780, person, "")
			u.Message.Photo = []tgbotapi.PhotoSize{{FileID: "p"}}
			u.Message.Caption = q
			return u
		}(), 780, true},
		{"channel chatter is ignored", tgbotapi.Update{ChannelPost: &tgbotapi.Message{
			MessageID: 5, SenderChat: channel, Chat: channel, Text: q, Date: 1}}, channel.ID, false},
		{"service message is ignored", tgbotapi.Update{Message: &tgbotapi.Message{
			MessageID: 6, From: &person, Chat: &tgbotapi.Chat{ID: -4100, Type: "group"}, NewChatMembers: []tgbotapi.User{person}}}, -4100, false},
		{"empty text is ignored", message(781, person, "   "), 781, false},
	}
	f := newFakeAPI(t)
	start(t, testConfig(f), b)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ids := f.push(tc.upd)
			handledPast(f, ids[0])
			answerOrSilence(t, f.sent(tc.chat), tc.answers, want)
		})
	}

	// An addressed command in a channel goes to the bot as a channel message; whatever the
	// bot says (or not) is what the channel gets.
	t.Run("addressed channel post follows the bot", func(t *testing.T) {
		text := "/ask@ThisBot " + q
		ids := f.push(tgbotapi.Update{ChannelPost: &tgbotapi.Message{
			MessageID: 9, SenderChat: channel, Chat: channel, Text: text, Entities: entitiesFor(text), Date: 1}})
		handledPast(f, ids[0])
		exp := probe(b, bot.Channel, "/ask "+q, "", false)
		got := f.sent(channel.ID)
		if exp == nil {
			if len(got) != 0 {
				t.Fatalf("the bot is silent in channels, but the adapter sent %q", got[0].Get("text"))
			}
			return
		}
		if len(got) != 1 {
			t.Fatalf("expected one post, got %d", len(got))
		}
		assertAnswer(t, got[0], exp)
	})
}

// callbackButtons returns the callback buttons of a sent or edited message.
func callbackButtons(t *testing.T, v url.Values) []tgbotapi.InlineKeyboardButton {
	t.Helper()
	if v.Get("reply_markup") == "" {
		return nil
	}
	var kb tgbotapi.InlineKeyboardMarkup
	if err := json.Unmarshal([]byte(v.Get("reply_markup")), &kb); err != nil {
		t.Fatalf("reply_markup: %v", err)
	}
	var out []tgbotapi.InlineKeyboardButton
	for _, row := range kb.InlineKeyboard {
		for _, b := range row {
			if b.CallbackData == nil {
				t.Errorf("button %q has no callback data", b.Text)
				continue
			}
			if n := len(*b.CallbackData); n == 0 || n > 64 {
				t.Errorf("button %q: callback data of %d bytes", b.Text, n)
			}
			out = append(out, b)
		}
	}
	return out
}

func callback(id string, from tgbotapi.User, chatID int64, messageID int, data string) tgbotapi.Update {
	f := from
	return tgbotapi.Update{CallbackQuery: &tgbotapi.CallbackQuery{
		ID: id, From: &f, Data: data, ChatInstance: "ci",
		Message: &tgbotapi.Message{MessageID: messageID, Chat: &tgbotapi.Chat{ID: chatID, Type: chatType(chatID)}},
	}}
}

func TestTimelinePagingWithButtons(t *testing.T) {
	b := theBrain(t)
	f := newFakeAPI(t)
	start(t, testConfig(f), b)
	chat := int64(601)
	person := user(chat, "en")

	first := probe(b, bot.Private, "/timeline", "en", false)
	if first == nil || len(first.Buttons) == 0 {
		t.Fatalf("the bot's /timeline has no paging buttons: %+v", first)
	}
	f.push(message(chat, person, "/timeline"))
	page1 := waitSent(f, chat, 1)[0]
	assertAnswer(t, page1, first)
	buttons := callbackButtons(t, page1)
	if len(buttons) == 0 {
		t.Fatalf("page 1 has no buttons: %v", page1)
	}
	next := buttons[len(buttons)-1]
	msgID, _ := strconv.Atoi(page1.Get("_message_id"))

	ids := f.push(callback("cb1", person, chat, msgID, *next.CallbackData))
	handledPast(f, ids[0])
	if got := f.callsOf("answerCallbackQuery"); len(got) != 1 || got[0].Get("callback_query_id") != "cb1" {
		t.Fatalf("callback not answered once: %v", got)
	}
	edits := f.callsOf("editMessageText")
	if len(edits) != 1 {
		t.Fatalf("expected the page to be edited in place once, got %d edits", len(edits))
	}
	if edits[0].Get("message_id") != strconv.Itoa(msgID) || edits[0].Get("chat_id") != strconv.FormatInt(chat, 10) {
		t.Errorf("edited message %s in chat %s, want %d in %d", edits[0].Get("message_id"), edits[0].Get("chat_id"), msgID, chat)
	}
	page2 := probe(b, bot.Private, *next.CallbackData, "en", true)
	assertAnswer(t, edits[0], page2)
	if visible(edits[0].Get("text")) == visible(page1.Get("text")) {
		t.Error("page 2 shows the same text as page 1")
	}
	if n := len(f.sent(chat)); n != 1 {
		t.Errorf("paging sent %d new messages, want none besides page 1", n-1)
	}

	// Pressing the same button again: Telegram says "message is not modified"; the press is
	// still answered and nothing else happens.
	f.fail("editMessageText", failure{code: 400, description: "Bad Request: message is not modified: specified new message content and reply markup are exactly the same"})
	ids = f.push(callback("cb2", person, chat, msgID, *next.CallbackData))
	handledPast(f, ids[0])
	if got := f.callsOf("answerCallbackQuery"); len(got) != 2 || got[1].Get("callback_query_id") != "cb2" {
		t.Fatalf("second press not answered: %v", got)
	}
	if n := len(f.sent(chat)); n != 1 {
		t.Errorf("'not modified' led to %d new messages", n-1)
	}

	// A stale button (from before a restart) is answered with a notice and changes nothing.
	ids = f.push(callback("cb3", person, chat, msgID, "#gone"))
	handledPast(f, ids[0])
	answers := f.callsOf("answerCallbackQuery")
	if len(answers) != 3 || answers[2].Get("callback_query_id") != "cb3" || !strings.Contains(answers[2].Get("text"), "expired") {
		t.Fatalf("stale button not answered with a notice: %v", answers)
	}
	if n := len(f.callsOf("editMessageText")); n != 2 {
		t.Errorf("stale button edited the message (%d edits)", n)
	}

	// The message is too old to edit: the page arrives as a new message instead.
	f.fail("editMessageText", failure{code: 400, description: "Bad Request: message can't be edited"})
	ids = f.push(callback("cb4", person, chat, msgID, *next.CallbackData))
	handledPast(f, ids[0])
	if got := f.sent(chat); len(got) != 2 {
		t.Fatalf("uneditable page not sent anew: %d messages", len(got))
	} else {
		assertAnswer(t, got[1], page2)
	}
}

func TestInlineQueryOffersFactsWithSources(t *testing.T) {
	b := theBrain(t)
	f := newFakeAPI(t)
	start(t, testConfig(f), b)
	var query string
	var choices []bot.Choice
	for _, fact := range b.Base().Facts() {
		query = fact.Title(knowledge.EN)
		if choices = b.Suggest(query, knowledge.EN, 5); len(choices) > 0 {
			break
		}
	}
	if len(choices) == 0 {
		t.Fatal("the bot suggests nothing for any fact title")
	}
	ids := f.push(tgbotapi.Update{InlineQuery: &tgbotapi.InlineQuery{ID: "iq1", From: &tgbotapi.User{ID: 3, FirstName: "A", LanguageCode: "en"}, Query: query}})
	handledPast(f, ids[0])
	got := f.callsOf("answerInlineQuery")
	if len(got) != 1 || got[0].Get("inline_query_id") != "iq1" {
		t.Fatalf("inline query not answered: %v", got)
	}
	var results []struct {
		Type    string `json:"type"`
		ID      string `json:"id"`
		Title   string `json:"title"`
		Content struct {
			Text      string `json:"message_text"`
			ParseMode string `json:"parse_mode"`
		} `json:"input_message_content"`
	}
	if err := json.Unmarshal([]byte(got[0].Get("results")), &results); err != nil {
		t.Fatalf("results: %v", err)
	}
	if len(results) != len(choices) {
		t.Fatalf("%d results, the bot suggested %d", len(results), len(choices))
	}
	for i, r := range results {
		want := b.FactReply(choices[i].FactID, knowledge.EN)
		if r.Type != "article" || r.ID != choices[i].FactID || r.Title != choices[i].Title {
			t.Errorf("result %d = %s %s %q, want article %s %q", i, r.Type, r.ID, r.Title, choices[i].FactID, choices[i].Title)
		}
		assertAnswer(t, url.Values{"text": {r.Content.Text}, "parse_mode": {r.Content.ParseMode}}, want)
	}

	// An empty query gets an empty list (not null).
	ids = f.push(tgbotapi.Update{InlineQuery: &tgbotapi.InlineQuery{ID: "iq2", From: &tgbotapi.User{ID: 3, FirstName: "A"}, Query: " "}})
	handledPast(f, ids[0])
	if got := f.callsOf("answerInlineQuery"); len(got) != 2 || got[1].Get("results") != "[]" {
		t.Fatalf("empty inline query answered with %v", got)
	}
}

// sleepRecorder replaces real waiting: it records what the adapter asked to wait for.
type sleepRecorder struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (s *sleepRecorder) sleep(ctx context.Context, d time.Duration) error {
	if d > 0 {
		s.mu.Lock()
		s.waits = append(s.waits, d)
		s.mu.Unlock()
	}
	return ctx.Err()
}

func (s *sleepRecorder) longest() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	var m time.Duration
	for _, w := range s.waits {
		m = max(m, w)
	}
	return m
}

// startWith builds an adapter, lets the test adjust it, then runs it.
func startWith(t *testing.T, cfg Config, b brain, adjust func(*Adapter)) *running {
	t.Helper()
	logs := &syncbuf.Buffer{}
	a, err := newAdapter(cfg, b, slogTo(logs))
	if err != nil {
		t.Fatal(err)
	}
	useFakeInbox(a)
	adjust(a)
	return run(t, a, logs)
}

func TestSendFailuresAreHandled(t *testing.T) {
	b := theBrain(t)
	// An answer with buttons, so that refusing the buttons can be tested too.
	q, want := answerableWhere(t, b, knowledge.EN, func(r *bot.Reply) bool { return len(r.Buttons) > 0 })
	for _, tc := range []struct {
		name     string
		fail     []failure
		delivers bool
		check    func(t *testing.T, sent []url.Values, rec *sleepRecorder, r *running)
	}{
		{"429 waits retry_after and the reply arrives once", []failure{{code: 429, description: "Too Many Requests: retry after 7", retryAfter: 7}}, true,
			func(t *testing.T, sent []url.Values, rec *sleepRecorder, r *running) {
				if rec.longest() < 7*time.Second {
					t.Errorf("waited at most %v, Telegram said 7s", rec.longest())
				}
			}},
		{"429 beyond the age cap drops the reply with a log line", []failure{{code: 429, description: "Too Many Requests: retry after 3600", retryAfter: 3600}}, false,
			func(t *testing.T, sent []url.Values, rec *sleepRecorder, r *running) {
				if !strings.Contains(r.logs.String(), "dropping a stale reply") {
					t.Errorf("no log line for the dropped reply:\n%s", r.logs)
				}
			}},
		{"400 can't parse entities falls back to plain text", []failure{{code: 400, description: "Bad Request: can't parse entities: Unsupported start tag \"x\" at byte offset 3"}}, true,
			func(t *testing.T, sent []url.Values, rec *sleepRecorder, r *running) {
				got := sent[0]
				if got.Get("parse_mode") != "" {
					t.Errorf("fallback still uses parse_mode %q", got.Get("parse_mode"))
				}
				if w := firstText(want); !strings.Contains(got.Get("text"), w) {
					t.Errorf("plain fallback lost the answer %q:\n%s", w, got.Get("text"))
				}
				for _, s := range want.Sources {
					if !strings.Contains(got.Get("text"), s.URL) {
						t.Errorf("plain fallback lost source %s", s.URL)
					}
				}
			}},
		{"5xx is retried", []failure{{code: 502, description: "Bad Gateway"}, {code: 500, description: "Internal Server Error"}}, true, nil},
		{"a dropped connection is retried", []failure{{dropConn: true}}, true, nil},
		{"a hanging call times out and is retried", []failure{{hang: true}}, true, nil},
		{"400 BUTTON_DATA_INVALID sends the answer without buttons", []failure{{code: 400, description: "Bad Request: BUTTON_DATA_INVALID"}}, true,
			func(t *testing.T, sent []url.Values, rec *sleepRecorder, r *running) {
				if sent[0].Get("reply_markup") != "" {
					t.Errorf("buttons kept after Telegram refused them: %s", sent[0].Get("reply_markup"))
				}
			}},
		{"403 blocked gives up at once", []failure{{code: 403, description: "Forbidden: bot was blocked by the user"}}, false,
			func(t *testing.T, sent []url.Values, rec *sleepRecorder, r *running) {
				if !strings.Contains(r.logs.String(), "may not write to this chat") {
					t.Errorf("no log line for the blocked chat:\n%s", r.logs)
				}
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeAPI(t)
			rec := &sleepRecorder{}
			cfg := testConfig(f)
			cfg.RequestTimeout = 200 * time.Millisecond // a hanging call ends here, not never
			r := startWith(t, cfg, b, func(a *Adapter) { a.sleep = rec.sleep })
			chat := int64(801)
			f.fail("sendMessage", tc.fail...)
			ids := f.push(message(chat, user(chat, "en"), q))
			handledPast(f, ids[0])
			sent := f.sent(chat)
			attempts := len(f.callsOf("sendMessage"))
			if !tc.delivers {
				if len(sent) != 0 {
					t.Fatalf("reply was sent: %q", sent[0].Get("text"))
				}
			} else {
				if len(sent) != 1 {
					t.Fatalf("reply arrived %d times, want exactly once (attempts %d)\n%s", len(sent), attempts, r)
				}
				if attempts != len(tc.fail)+1 {
					t.Errorf("%d attempts, want %d", attempts, len(tc.fail)+1)
				}
				if sent[0].Get("parse_mode") == "HTML" {
					assertAnswer(t, sent[0], want)
				}
			}
			if tc.check != nil {
				tc.check(t, sent, rec, r)
			}
		})
	}
}

func TestGroupMigrationFollowsTheSupergroup(t *testing.T) {
	b := theBrain(t)
	q, want := answerable(t, b, knowledge.EN)
	f := newFakeAPI(t)
	start(t, testConfig(f), b)
	oldID, newID := int64(-4500), int64(-1_000_000_004_500)
	f.fail("sendMessage", failure{code: 400, description: "Bad Request: group chat was upgraded to a supergroup chat", migrateTo: newID})
	ids := f.push(message(oldID, user(1, "en"), "/ask "+q))
	handledPast(f, ids[0])
	got := f.sent(newID)
	if len(got) != 1 {
		t.Fatalf("answer not delivered to the supergroup: %v", f.methods())
	}
	assertAnswer(t, got[0], want)
}

// scripted is a brain whose replies the test writes; the rest is the real brain.
type scripted struct {
	*bot.Bot
	reply func(m *bot.Message) *bot.Reply
}

func (s scripted) Handle(ctx context.Context, m *bot.Message) *bot.Reply { return s.reply(m) }

func TestHostileTextIsEscaped(t *testing.T) {
	hostile := &bot.Reply{
		Kind:  bot.KindAnswer,
		Title: `<b>not bold</b> & "quoted"`,
		Blocks: []bot.Block{
			{Spans: []bot.Span{{Text: "</a> 5 < 6 && 7 > 3 "}, {Text: "<i>", Style: bot.Bold}, {Text: " &amp; stays literal"}}},
			{Spans: []bot.Span{{Text: "click", URL: `https://example.org/?a=1&b="><script>`}, {Text: " js", URL: "javascript:alert(1)"}}},
		},
		Sources: []knowledge.Source{{Title: `"><b>x</b>`, URL: "https://example.org/doc?x=<1>&y=2"}},
		Footer:  "</i>",
	}
	f := newFakeAPI(t)
	start(t, testConfig(f), scripted{theBrain(t), func(*bot.Message) *bot.Reply { return hostile }})
	chat := int64(901)
	f.push(message(chat, user(chat, "en"), "anything"))
	text := waitSent(f, chat, 1)[0].Get("text")

	// Every tag in the message is one the renderer made, and they nest properly.
	var stack []string
	for _, tag := range tagRE.FindAllString(text, -1) {
		switch {
		case tag == "<b>" || tag == "<i>" || tag == "<code>" || strings.HasPrefix(tag, `<a href="`):
			name := strings.Trim(strings.Fields(tag)[0], "<>")
			stack = append(stack, name)
		case strings.HasPrefix(tag, "</"):
			name := strings.Trim(tag, "</>")
			if len(stack) == 0 || stack[len(stack)-1] != name {
				t.Fatalf("unbalanced %s in %s", tag, text)
			}
			stack = stack[:len(stack)-1]
		default:
			t.Fatalf("unexpected tag %s in %s", tag, text)
		}
	}
	if len(stack) != 0 {
		t.Fatalf("unclosed tags %v in %s", stack, text)
	}
	for _, want := range []string{
		"&lt;b&gt;not bold&lt;/b&gt; &amp; &quot;quoted&quot;",
		"&lt;/a&gt; 5 &lt; 6 &amp;&amp; 7 &gt; 3",
		"<b>&lt;i&gt;</b>",
		"&amp;amp; stays literal",
		`<a href="https://example.org/?a=1&amp;b=&quot;&gt;&lt;script&gt;">click</a>`,
		`<a href="https://example.org/doc?x=&lt;1&gt;&amp;y=2">&quot;&gt;&lt;b&gt;x&lt;/b&gt;</a>`,
		"<i>&lt;/i&gt;</i>",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %s in\n%s", want, text)
		}
	}
	if strings.Contains(text, `href="javascript`) {
		t.Errorf("javascript link kept:\n%s", text)
	}
	// What the user sees is exactly the hostile text, unharmed.
	if v := visible(text); !strings.Contains(v, `<b>not bold</b> & "quoted"`) || !strings.Contains(v, "</a> 5 < 6 && 7 > 3") {
		t.Errorf("visible text changed:\n%s", v)
	}
}

func TestLongReplyIsSplitInOrder(t *testing.T) {
	// About 9000 characters: numbered sentences in paragraphs, with emoji (two UTF-16 units
	// each) and bold runs, plus a source and buttons.
	var blocks []bot.Block
	var all []string
	n := 0
	for len(strings.Join(all, " ")) < 9000 {
		var spans []bot.Span
		for k := 0; k < 6; k++ {
			n++
			s := fmt.Sprintf("Sentence %04d says 🇮🇩 something & more. ", n)
			all = append(all, strings.TrimSpace(s))
			style := bot.Plain
			if n%5 == 0 {
				style = bot.Bold
			}
			spans = append(spans, bot.Span{Text: s, Style: style})
		}
		blocks = append(blocks, bot.Block{Spans: spans}, bot.Block{})
	}
	long := &bot.Reply{Kind: bot.KindInfo, Title: "Long", Blocks: blocks,
		Sources: []knowledge.Source{{Title: "Source", URL: "https://example.org/s"}},
		Buttons: [][]bot.Button{{{Label: "More", Data: "/more"}}}}
	f := newFakeAPI(t)
	start(t, testConfig(f), scripted{theBrain(t), func(*bot.Message) *bot.Reply { return long }})
	chat := int64(902)
	ids := f.push(message(chat, user(chat, "en"), "long please"))
	handledPast(f, ids[0])
	sent := f.sent(chat)
	if len(sent) < 3 {
		t.Fatalf("a %d-character reply came in %d messages", len(strings.Join(all, " ")), len(sent))
	}
	var seen strings.Builder
	for i, m := range sent {
		text := m.Get("text")
		v := visible(text)
		if u := chattext.Units(v); u > maxMessageUnits {
			t.Errorf("part %d has %d UTF-16 units", i, u)
		}
		if strings.Count(text, "<b>") != strings.Count(text, "</b>") {
			t.Errorf("part %d cuts a tag: %q … %q", i, text[:40], text[len(text)-40:])
		}
		if i < len(sent)-1 {
			if !strings.HasSuffix(v, ".") {
				t.Errorf("part %d ends mid-sentence: %q", i, v[len(v)-30:])
			}
			if m.Get("reply_markup") != "" {
				t.Errorf("part %d carries the buttons", i)
			}
		}
		seen.WriteString(v + "\n")
	}
	if len(callbackButtons(t, sent[len(sent)-1])) != 1 {
		t.Error("the last part lacks the buttons")
	}
	rest := seen.String()
	for _, s := range all {
		i := strings.Index(rest, s)
		if i < 0 {
			t.Fatalf("%q missing or out of order", s)
		}
		rest = rest[i+len(s):]
	}
	if !strings.Contains(sent[len(sent)-1].Get("text"), `<a href="https://example.org/s">Source</a>`) {
		t.Error("the source link did not survive the split")
	}
}

func TestWebhookMode(t *testing.T) {
	b := theBrain(t)
	q, want := answerable(t, b, knowledge.EN)
	f := newFakeAPI(t)
	cfg := testConfig(f)
	cfg.Mode = ModeWebhook
	cfg.WebhookURL = "https://bot.example.org/tg/hook"
	cfg.Listen = "127.0.0.1:0"
	cfg.Secret = "s3cret-Token_1"
	cfg.MaxBodyBytes = 64 << 10
	r := start(t, cfg, b)

	hooks := f.callsOf("setWebhook")
	if len(hooks) != 1 {
		t.Fatalf("setWebhook called %d times", len(hooks))
	}
	if hooks[0].Get("url") != cfg.WebhookURL || hooks[0].Get("secret_token") != cfg.Secret {
		t.Errorf("setWebhook url=%q secret=%q", hooks[0].Get("url"), hooks[0].Get("secret_token"))
	}
	r.a.mu.Lock()
	endpoint := "http://" + r.a.webhookAddr + "/tg/hook"
	r.a.mu.Unlock()

	chat := int64(1001)
	upd := message(chat, user(chat, "en"), q)
	upd.UpdateID = 77
	body, _ := json.Marshal(upd)
	post := func(secret string, payload []byte) int {
		req, _ := http.NewRequest(http.MethodPost, endpoint, strings.NewReader(string(payload)))
		req.Header.Set("Content-Type", "application/json")
		if secret != "" {
			req.Header.Set(secretHeader, secret)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("post: %v", err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := post("", body); code != http.StatusUnauthorized {
		t.Errorf("no secret: %d, want 401", code)
	}
	if code := post("wrong", body); code != http.StatusForbidden {
		t.Errorf("wrong secret: %d, want 403", code)
	}
	if code := post(cfg.Secret, []byte(`{"update_id": 1, "message": `+strings.Repeat(" ", 70<<10)+`}`)); code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized body: %d, want 413", code)
	}
	if code := post(cfg.Secret, []byte("{not json")); code != http.StatusBadRequest {
		t.Errorf("malformed body: %d, want 400", code)
	}
	resp, err := http.Get(endpoint)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET: %d, want 405", resp.StatusCode)
	}
	if n := len(f.sent(chat)); n != 0 {
		t.Fatalf("rejected requests produced %d replies", n)
	}
	if code := post(cfg.Secret, body); code != http.StatusOK {
		t.Fatalf("right secret: %d, want 200", code)
	}
	if code := post(cfg.Secret, body); code != http.StatusOK { // Telegram redelivering
		t.Fatalf("redelivery: %d, want 200", code)
	}
	got := waitSent(f, chat, 1)
	assertAnswer(t, got[0], want)

	// Stopping finishes the reply; the redelivered update was not answered twice.
	if err := r.stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if n := len(f.sent(chat)); n != 1 {
		t.Errorf("webhook update answered %d times", n)
	}
	if len(f.callsOf("deleteWebhook")) != 0 {
		t.Error("stopping a webhook bot deleted the webhook (Telegram would drop updates meanwhile)")
	}

	// Switching back to polling removes the webhook first.
	start(t, testConfig(f), b)
	if len(f.callsOf("deleteWebhook")) != 1 {
		t.Errorf("polling after webhook: deleteWebhook called %d times", len(f.callsOf("deleteWebhook")))
	}
}

// blockingBrain holds every question until released, to stop the adapter mid-reply.
type blockingBrain struct {
	*bot.Bot
	started chan struct{}
	release chan struct{}
}

func (b blockingBrain) Handle(ctx context.Context, m *bot.Message) *bot.Reply {
	b.started <- struct{}{}
	<-b.release
	return b.Bot.Handle(ctx, m)
}

func TestRestartNeitherReanswersNorLoses(t *testing.T) {
	b := theBrain(t)
	q1, want1 := answerable(t, b, knowledge.EN)
	q2, want2 := answerable(t, b, knowledge.ID)
	f := newFakeAPI(t)
	chat := int64(1101)

	// First run: stopped while the answer is being made; it still arrives.
	slow := blockingBrain{Bot: b, started: make(chan struct{}), release: make(chan struct{})}
	r1 := start(t, testConfig(f), slow)
	ids1 := f.push(message(chat, user(chat, "en"), q1))
	<-slow.started
	stopped := make(chan error, 1)
	go func() { stopped <- r1.stop() }()
	close(slow.release)
	if err := <-stopped; err != nil {
		t.Fatalf("Run returned %v", err)
	}
	got := f.sent(chat)
	if len(got) != 1 {
		t.Fatalf("in-flight reply: %d messages after stop", len(got))
	}
	assertAnswer(t, got[0], want1)
	if off := f.confirmedOffset(); off <= ids1[0] {
		t.Fatalf("after stop Telegram's offset is %d; update %d would be answered again", off, ids1[0])
	}

	// While the bot is down another question arrives; the next run answers only that one.
	ids2 := f.push(message(chat, user(chat, "id"), q2))
	start(t, testConfig(f), b)
	handledPast(f, ids2[0])
	got = f.sent(chat)
	if len(got) != 2 {
		t.Fatalf("after restart %d messages, want 2 (one per question)", len(got))
	}
	assertAnswer(t, got[1], want2)
}

func TestConflictLoggedOnceAndPollingResumes(t *testing.T) {
	b := theBrain(t)
	q, want := answerable(t, b, knowledge.EN)
	f := newFakeAPI(t)
	conflict := failure{code: 409, description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"}
	f.fail("getUpdates", conflict, conflict, conflict)
	rec := &sleepRecorder{}
	r := startWith(t, testConfig(f), b, func(a *Adapter) { a.sleep = rec.sleep })
	chat := int64(1201)
	f.push(message(chat, user(chat, "en"), q))
	got := waitSent(f, chat, 1)
	assertAnswer(t, got[0], want)
	if n := strings.Count(r.logs.String(), "another instance is polling"); n != 1 {
		t.Errorf("conflict logged %d times, want once", n)
	}
	if len(rec.waits) < 3 {
		t.Errorf("backed off %d times for 3 conflicts", len(rec.waits))
	}
}

func TestTokenNeverInLogs(t *testing.T) {
	b := theBrain(t)
	q, _ := answerable(t, b, knowledge.EN)
	f := newFakeAPI(t)
	// Transport errors on the way in and out: Go's url.Error would carry the token.
	f.fail("getMe", failure{dropConn: true})
	f.fail("getUpdates", failure{dropConn: true})
	f.fail("sendMessage", failure{dropConn: true}, failure{code: 500, description: "Internal Server Error"})
	rec := &sleepRecorder{}
	r := startWith(t, testConfig(f), b, func(a *Adapter) { a.sleep = rec.sleep })
	chat := int64(1301)
	f.push(message(chat, user(chat, "en"), q))
	waitSent(f, chat, 1)
	// The library's own logger goes through the redactor too.
	libraryLogger{}.Printf("library says %s", "https://api.telegram.org/bot"+testToken+"/getMe")
	_ = r.stop()

	// And a bot whose API endpoint does not answer at all.
	dead := newFakeAPI(t)
	deadURL := dead.srv.URL
	dead.srv.Close()
	cfg := testConfig(f)
	cfg.APIEndpoint = deadURL + "/bot%s/%s"
	logs := &syncbuf.Buffer{}
	a, err := newAdapter(cfg, b, slogTo(logs))
	if err != nil {
		t.Fatal(err)
	}
	failed := make(chan struct{}, 1)
	a.sleep = func(ctx context.Context, d time.Duration) error {
		select {
		case failed <- struct{}{}:
		default:
		}
		return ctx.Err()
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	<-failed
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}

	all := r.logs.String() + logs.String()
	for _, secret := range []string{testToken, url.PathEscape(testToken), url.QueryEscape(testToken), "TEST-token_SECRET"} {
		if strings.Contains(all, secret) {
			t.Fatalf("token %q leaked into the logs:\n%s", secret, all)
		}
	}
	// The test proves something only if token-bearing errors were actually logged.
	for _, want := range []struct{ logs, line string }{
		{r.logs.String(), "sending failed; retrying"},
		{r.logs.String(), "getUpdates failed; retrying"},
		{r.logs.String(), "cannot reach the Bot API"},
		{r.logs.String(), "telegram library"},
		{logs.String(), "cannot reach the Bot API"},
	} {
		found := false
		for _, l := range strings.Split(want.logs, "\n") {
			if strings.Contains(l, want.line) && strings.Contains(l, "<redacted>") {
				found = true
			}
		}
		if !found {
			t.Errorf("no redacted %q line in the logs:\n%s", want.line, want.logs)
		}
	}
}

func TestConfigValidation(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  Config
		ok   bool
	}{
		{"defaults", Config{Token: "t"}, true},
		{"no token", Config{}, false},
		{"bad mode", Config{Token: "t", Mode: "push"}, false},
		{"endpoint without placeholders", Config{Token: "t", APIEndpoint: "https://example.org/bot"}, false},
		{"endpoint with extra verb", Config{Token: "t", APIEndpoint: "https://example.org/bot%s/%s/%d"}, false},
		{"self-hosted endpoint", Config{Token: "t", APIEndpoint: "http://127.0.0.1:8081/bot%s/%s"}, true},
		{"webhook without url", Config{Token: "t", Mode: "webhook"}, false},
		{"webhook over http", Config{Token: "t", Mode: "webhook", WebhookURL: "http://x.org/h"}, false},
		{"webhook", Config{Token: "t", Mode: "webhook", WebhookURL: "https://x.org/h"}, true},
		{"webhook bad secret", Config{Token: "t", Mode: "webhook", WebhookURL: "https://x.org/h", Secret: "no spaces"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.cfg.withDefaults()
			if (err == nil) != tc.ok {
				t.Fatalf("err = %v, want ok=%v", err, tc.ok)
			}
			if err == nil && (got.Mode == "" || got.APIEndpoint == "" || got.Workers <= 0) {
				t.Errorf("defaults not filled: %+v", got)
			}
		})
	}
	c, _ := Config{Token: "t", Mode: "webhook", WebhookURL: "https://x.org/tg/hook"}.withDefaults()
	if c.Path != "/tg/hook" || c.Mode != ModeWebhook {
		t.Errorf("webhook path defaults to %q", c.Path)
	}
	a, err := newAdapter(Config{Token: "t"}, theBrain(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.pollHTTP.Timeout <= a.cfg.PollTimeout {
		t.Errorf("poll client timeout %v is not above the poll timeout %v", a.pollHTTP.Timeout, a.cfg.PollTimeout)
	}
}

// recordingBrain remembers the messages it was given and answers with the real bot.
type recordingBrain struct {
	*bot.Bot
	mu   sync.Mutex
	seen []bot.Message
}

func (r *recordingBrain) Handle(ctx context.Context, m *bot.Message) *bot.Reply {
	r.mu.Lock()
	r.seen = append(r.seen, *m)
	r.mu.Unlock()
	return r.Bot.Handle(ctx, m)
}

func TestGroupAdminRightsComeFromTelegram(t *testing.T) {
	f := newFakeAPI(t)
	rb := &recordingBrain{Bot: theBrain(t)}
	start(t, testConfig(f), rb)
	group := int64(-1_000_000_001_400)
	admin, member := user(31, "id"), user(32, "id")
	f.mu.Lock()
	f.admins[[2]int64{group, admin.ID}] = true
	f.mu.Unlock()

	ids := f.push(message(group, admin, "/lang@ThisBot en"), message(group, member, "/lang@ThisBot en"),
		message(group, admin, "/lang@ThisBot id"))
	handledPast(f, ids[2])
	rb.mu.Lock()
	defer rb.mu.Unlock()
	if len(rb.seen) != 3 {
		t.Fatalf("the bot got %d messages, want 3", len(rb.seen))
	}
	if !rb.seen[0].IsAdmin || rb.seen[1].IsAdmin || !rb.seen[2].IsAdmin {
		t.Errorf("IsAdmin = %v %v %v, want true false true", rb.seen[0].IsAdmin, rb.seen[1].IsAdmin, rb.seen[2].IsAdmin)
	}
	if n := len(f.callsOf("getChatMember")); n != 2 {
		t.Errorf("getChatMember called %d times, want 2 (the admin's rights are cached)", n)
	}
	if rb.seen[0].Text != "/lang en" || rb.seen[0].ChatKind != bot.Group || rb.seen[0].LocaleHint != "id" {
		t.Errorf("message to the bot: %+v", rb.seen[0])
	}
}

func TestRejectedTokenStopsRun(t *testing.T) {
	f := newFakeAPI(t)
	cfg := testConfig(f)
	cfg.Token = "999:WRONG-token_value"
	logs := &syncbuf.Buffer{}
	a, err := newAdapter(cfg, theBrain(t), slogTo(logs))
	if err != nil {
		t.Fatal(err)
	}
	err = a.Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "token rejected") {
		t.Fatalf("Run = %v, want a rejected-token error", err)
	}
	if strings.Contains(err.Error(), cfg.Token) || strings.Contains(logs.String(), cfg.Token) {
		t.Fatalf("the token leaked: %v\n%s", err, logs)
	}
}

func TestPollingHonoursRetryAfter(t *testing.T) {
	b := theBrain(t)
	q, want := answerable(t, b, knowledge.EN)
	f := newFakeAPI(t)
	f.fail("getUpdates", failure{code: 429, description: "Too Many Requests: retry after 9", retryAfter: 9},
		failure{code: 502, description: "Bad Gateway"})
	rec := &sleepRecorder{}
	startWith(t, testConfig(f), b, func(a *Adapter) { a.sleep = rec.sleep })
	chat := int64(1401)
	f.push(message(chat, user(chat, "en"), q))
	assertAnswer(t, waitSent(f, chat, 1)[0], want)
	if rec.longest() < 9*time.Second {
		t.Errorf("getUpdates retried after %v, Telegram said 9s", rec.longest())
	}
}

// stuckBrain never answers until its context ends.
type stuckBrain struct {
	*bot.Bot
	started chan struct{}
}

func (b stuckBrain) Handle(ctx context.Context, m *bot.Message) *bot.Reply {
	b.started <- struct{}{}
	<-ctx.Done()
	return nil
}

func TestShutdownTimeoutLeavesUnfinishedUpdatesForTheNextRun(t *testing.T) {
	b := theBrain(t)
	q, want := answerable(t, b, knowledge.EN)
	f := newFakeAPI(t)
	cfg := testConfig(f)
	cfg.ShutdownTimeout = time.Millisecond
	stuck := stuckBrain{Bot: b, started: make(chan struct{}, 1)}
	r := start(t, cfg, stuck)
	chat := int64(1501)
	ids := f.push(message(chat, user(chat, "en"), q))
	<-stuck.started
	if err := r.stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if !strings.Contains(r.logs.String(), "shutdown left updates unanswered") {
		t.Errorf("no log line about the unanswered update:\n%s", r.logs)
	}
	if f.inbox.isFinished(ids[0]) {
		t.Fatalf("update %d was never answered but the inbox has it finished", ids[0])
	}
	start(t, testConfig(f), b)
	assertAnswer(t, waitSent(f, chat, 1)[0], want)
	handledPast(f, ids[0])
}

func TestWebhookQueueFullAsksTelegramToRetry(t *testing.T) {
	b := theBrain(t)
	q, want := answerable(t, b, knowledge.EN)
	f := newFakeAPI(t)
	cfg := testConfig(f)
	cfg.Mode, cfg.WebhookURL, cfg.Listen, cfg.Secret = ModeWebhook, "https://bot.example.org/hook", "127.0.0.1:0", "sekret"
	cfg.Workers, cfg.QueueSize = 1, 1
	slow := blockingBrain{Bot: b, started: make(chan struct{}, 4), release: make(chan struct{})}
	m := &countingMetrics{}
	r := startWith(t, cfg, slow, func(a *Adapter) { a.SetMetrics(m) })
	r.a.mu.Lock()
	endpoint := "http://" + r.a.webhookAddr + "/hook"
	r.a.mu.Unlock()
	post := func(id int, chat int64) int {
		u := message(chat, user(chat, "en"), q)
		u.UpdateID = id
		body, _ := json.Marshal(u)
		req, _ := http.NewRequest(http.MethodPost, endpoint, strings.NewReader(string(body)))
		req.Header.Set(secretHeader, "sekret")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if c := post(1, 1601); c != http.StatusOK {
		t.Fatalf("first update: %d", c)
	}
	<-slow.started // the only worker is busy
	if c := post(2, 1602); c != http.StatusOK {
		t.Fatalf("second update (queued): %d", c)
	}
	if c := post(3, 1603); c != http.StatusServiceUnavailable {
		t.Fatalf("third update with a full queue: %d, want 503", c)
	}
	close(slow.release)
	waitSent(f, 1601, 1)
	waitSent(f, 1602, 1)
	// Telegram delivers the refused update again; now it is taken and answered.
	if c := post(3, 1603); c != http.StatusOK {
		t.Fatalf("redelivered update: %d", c)
	}
	assertAnswer(t, waitSent(f, 1603, 1)[0], want)
	// The 503 lost nothing: it is counted as a deferred update, not a dropped reply.
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.deferred != 1 || len(m.errs) != 0 {
		t.Errorf("deferred=%d send errors=%v, want 1 and none", m.deferred, m.errs)
	}
}

// pacedAhead reports whether the group's next free slot is more than ahead from now.
func pacedAhead(p *pacer, group int64, ahead time.Duration) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.groups[group].After(time.Now().Add(ahead))
}

func TestPacedGroupDoesNotHoldUpOtherChats(t *testing.T) {
	b := theBrain(t)
	q, want := answerable(t, b, knowledge.EN)
	f := newFakeAPI(t)
	cfg := testConfig(f)
	cfg.GroupPerMinute, cfg.Burst = 1, 1 // the group's second reply must wait a minute
	cfg.MaxReplyAge = time.Hour
	cfg.ShutdownTimeout = time.Millisecond
	r := start(t, cfg, b)
	group, private := int64(-1_000_000_001_700), int64(1701)
	f.push(message(group, user(1, "en"), "/ask "+q), message(group, user(2, "en"), "/ask "+q))
	waitSent(f, group, 1)
	ids := f.push(message(private, user(private, "en"), q))
	assertAnswer(t, waitSent(f, private, 1)[0], want)
	handledPast(f, ids[0]-2) // the first group question is confirmed…
	// …and the second group reply has booked its slot a minute after the first: it waits for
	// its pace rather than still being composed (which a slow, loaded machine can make it).
	for deadline := time.Now().Add(10 * time.Second); !pacedAhead(r.a.pacer, group, 61*time.Second); {
		if time.Now().After(deadline) {
			t.Fatal("the group's second reply never waited for its pace")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if n := len(f.sent(group)); n != 1 {
		t.Fatalf("group got %d replies within its pace of one per minute", n)
	}
	// The private answer is sent before its update is marked finished; a stop in between
	// (the shutdown timeout here is a millisecond) would leave it for the next start to
	// answer again, which is the at-least-once a crash allows, not what this test is about.
	f.waitFor(fmt.Sprintf("update %d finished", ids[0]), func() bool { return f.inbox.isFinished(ids[0]) })
	// Stopping with the paced reply still waiting leaves its update for the next start,
	// which answers it; the private question, already answered, is not answered again.
	if err := r.stop(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.logs.String(), "leaving a reply still waiting") {
		t.Errorf("no log line for the reply left waiting:\n%s", r.logs)
	}
	if off := f.confirmedOffset(); off != ids[0]+1 {
		t.Errorf("offset after stop = %d, want %d", off, ids[0]+1)
	}
	start(t, testConfig(f), b)
	help := f.push(message(private, user(private, "en"), "/help"))
	handledPast(f, help[0])
	got := f.sent(private)
	if len(got) != 2 || strings.Contains(visible(got[1].Get("text")), firstText(want)) {
		t.Errorf("after a restart the private chat has %d messages, want the answer then /help's reply (no repeat)", len(got))
	}
	if n := len(f.sent(group)); n != 2 {
		t.Errorf("after a restart the group has %d replies, want 2 (the one left waiting answered once)", n)
	}
}

func TestQuizIsANativePollAndAnswersAreScored(t *testing.T) {
	b := theBrain(t)
	f := newFakeAPI(t)
	start(t, testConfig(f), b)
	group := int64(-1_000_000_001_800)
	asker, player := user(41, "en"), user(42, "en")
	quiz := message(group, asker, "/quiz@ThisBot")
	ids := f.push(quiz)
	handledPast(f, ids[0])
	polls := f.callsOf("sendPoll")
	if len(polls) != 1 {
		t.Fatalf("sendPoll called %d times; calls %v", len(polls), f.methods())
	}
	p := polls[0]
	var options []string
	if err := json.Unmarshal([]byte(p.Get("options")), &options); err != nil {
		t.Fatal(err)
	}
	correct, _ := strconv.Atoi(p.Get("correct_option_id"))
	if p.Get("type") != "quiz" || p.Get("is_anonymous") != "false" || len(options) < 2 || correct < 0 || correct >= len(options) ||
		p.Get("question") == "" || p.Get("explanation") == "" {
		t.Errorf("poll: %v", p)
	}
	if p.Get("reply_to_message_id") != strconv.Itoa(quiz.Message.MessageID) {
		t.Errorf("the quiz does not answer the /quiz message")
	}
	if n := len(f.sent(group)); n != 0 {
		t.Errorf("the quiz was also sent as %d text messages", n)
	}

	// A player answers in Telegram's poll; the adapter scores it for the bot.
	ids = f.push(tgbotapi.Update{PollAnswer: &tgbotapi.PollAnswer{PollID: p.Get("_poll_id"), User: player, OptionIDs: []int{correct}}})
	handledPast(f, ids[0])
	outcome, err := standard.Study(b).RecordPollAnswer(context.Background(), "telegram:"+p.Get("_poll_id"), "42", "again", correct)
	if err != nil || outcome != bot.AnswerDuplicate {
		t.Errorf("the player's answer was not recorded by the adapter (a second one is %v, %v)", outcome, err)
	}

	// When Telegram refuses the poll, the quiz arrives as a message with answer buttons.
	f.fail("sendPoll", failure{code: 400, description: "Bad Request: poll question length must not exceed 300"})
	ids = f.push(message(group, asker, "/quiz@ThisBot"))
	handledPast(f, ids[0])
	sent := f.sent(group)
	if len(sent) != 1 {
		t.Fatalf("refused poll: %d text messages", len(sent))
	}
	found := false
	for _, btn := range callbackButtons(t, sent[0]) {
		if strings.HasPrefix(*btn.CallbackData, "/quiz") {
			found = true
		}
	}
	if !found {
		t.Errorf("the fallback quiz has no answer buttons: %v", sent[0])
	}
}

func TestSendPostsWithoutAnIncomingMessage(t *testing.T) {
	b := theBrain(t)
	fact := b.Base().Facts()[0]
	daily := b.FactReply(fact.ID, knowledge.ID)
	f := newFakeAPI(t)
	r := start(t, testConfig(f), b)
	ctx := context.Background()
	group := int64(-1_000_000_001_900)
	if err := r.a.Send(ctx, "telegram:"+strconv.FormatInt(group, 10), daily); err != nil {
		t.Fatalf("Send: %v", err)
	}
	got := f.sent(group)
	if len(got) != 1 {
		t.Fatalf("%d messages", len(got))
	}
	assertAnswer(t, got[0], daily)
	if got[0].Get("reply_to_message_id") != "" {
		t.Error("a daily post quotes nothing")
	}
	for _, key := range []string{"discord:1", "telegram:abc", "telegram"} {
		if err := r.a.Send(ctx, key, daily); err == nil {
			t.Errorf("Send(%q) succeeded", key)
		}
	}
	f.fail("sendMessage", failure{code: 403, description: "Forbidden: bot was kicked from the supergroup chat"})
	if err := r.a.Send(ctx, "telegram:-1000000001901", daily); err == nil {
		t.Error("Send to a chat that removed the bot reported success")
	}
}

// countingMetrics records what the adapter counts.
type countingMetrics struct {
	mu       sync.Mutex
	in       int
	out      int
	errs     []string
	deferred int
}

func (c *countingMetrics) UpdateDeferred(p string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p == "telegram" {
		c.deferred++
	}
}

func (c *countingMetrics) MessageIn(p string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p == "telegram" {
		c.in++
	}
}

func (c *countingMetrics) MessageOut(p string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p == "telegram" {
		c.out++
	}
}

func (c *countingMetrics) SendError(p, kind string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.errs = append(c.errs, p+":"+kind)
}

func TestTrafficIsCounted(t *testing.T) {
	b := theBrain(t)
	q, _ := answerable(t, b, knowledge.EN)
	f := newFakeAPI(t)
	m := &countingMetrics{}
	rec := &sleepRecorder{}
	startWith(t, testConfig(f), b, func(a *Adapter) { a.SetMetrics(m); a.sleep = rec.sleep })
	f.fail("sendMessage", failure{code: 502, description: "Bad Gateway"})
	ids := f.push(message(2001, user(2001, "en"), q), message(-4200, user(1, "en"), "chatter"))
	handledPast(f, ids[1])
	f.fail("sendMessage", failure{code: 429, description: "Too Many Requests", retryAfter: 3600})
	ids = f.push(message(2002, user(2002, "en"), q))
	handledPast(f, ids[0])
	m.mu.Lock()
	defer m.mu.Unlock()
	// Two questions in (chatter is not accepted); the first is sent after a 502, the second
	// hits a 429 longer than the age cap and is dropped.
	if m.in != 2 || m.out != 1 || fmt.Sprint(m.errs) != "[telegram:server telegram:rate_limited telegram:dropped]" {
		t.Errorf("in=%d out=%d errors=%v", m.in, m.out, m.errs)
	}
}

func TestHealthFollowsPolling(t *testing.T) {
	f := newFakeAPI(t)
	rec := &sleepRecorder{}
	f.fail("getUpdates", failure{code: 502, description: "Bad Gateway"})
	r := startWith(t, testConfig(f), theBrain(t), func(a *Adapter) { a.sleep = rec.sleep })
	// After the failed call the next one works: wait for a second getUpdates to arrive.
	f.waitFor("a successful poll", func() bool { return len(f.callsOfLocked("getUpdates")) >= 2 })
	ids := f.push(message(2101, user(2101, "en"), "/help"))
	handledPast(f, ids[0])
	if h := r.a.Health(); !h.Connected || h.LastPoll.IsZero() || h.FailedPolls != 0 || h.Mode != ModePolling {
		t.Errorf("health while polling: %+v", h)
	}
	if err := r.stop(); err != nil {
		t.Fatal(err)
	}
	if r.a.Health().Connected {
		t.Error("still connected after Run returned")
	}
}
