package bot

import (
	"context"
	"log/slog"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cyberdiplo/cyberdiplo/internal/syncbuf"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// handleSeeds are texts for FuzzHandle: every command with odd arguments, questions,
// and hostile input (invalid UTF-8, control and bidi characters, markup, huge text).
// testdata/fuzz/FuzzHandle holds inputs the fuzzer found worth keeping.
var handleSeeds = []string{
	"", " ", "/", "//", "/ask", "/timeline 2015-", "/timeline 9999-0000 p999", "/fact ../../etc/passwd",
	"/lang \x00", "What is A/70/174?", "Apa itu A/RES/70/237??", "\xff\xfe", "\u200b\u202e", "<script>", "*_`[]()~",
	"/timeline " + strings.Repeat("p1 ", 100), strings.Repeat("🇮🇩", 300), "/TIMELINE@bot 2015 P2", "/fact A/RES/",
	"/start", "/help", "/bantuan", "/topics", "/about", "/source", "/lang id", "/lang en", "/lang xx",
	"/quiz", "/kuis norms", "/quiz answer 1 0", "/quiz answer 99999999999999999999 -1", "/quiz reveal 0", "/quiz nosuchtopic",
	"/leaderboard", "/mystats", "/daily on 25:99 Mars/Olympus", "/daily on 07:30 WITA", "/daily off", "/cite", "/cite gge-2015-report",
	"/report " + strings.Repeat("wrong ", 200), "/mute", "/unmute", "/reload", "/tanya apa itu OEWG?", "/unknowncmd x",
	"what about it?", "and the 2021 one?", "terima kasih!", "halo", "<b>bold</b> &amp; <a href=\"tg://x\">x</a>",
	"a\x00b\x01c\x7f\x1b[31m", "\ufeff/help", strings.Repeat("x", 10000), strings.Repeat("\xff", 600), strings.Repeat("a ", 3000),
}

// FuzzHandle feeds arbitrary text to the bot with the real matcher, in private and group
// chats, addressed or not, typed or pressed: it never panics (a recovered panic is
// logged), a private chat always gets a reply and unaddressed group chatter never does,
// replies are valid UTF-8 of bounded size that never echo an overlong input, and button
// data fits in 64 bytes.
func FuzzHandle(f *testing.F) {
	base, err := knowledge.Load(os.DirFS("testdata/facts"))
	if err != nil {
		f.Fatal(err)
	}
	var logs syncbuf.Buffer
	b := New(base, nil, shipped(Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))}))
	for _, seed := range handleSeeds {
		f.Add(seed, uint8(Private), true, false)
		f.Add(seed, uint8(Group), true, false)
		f.Add(seed, uint8(Group), false, false)
	}
	f.Add("/timeline 2015 p2", uint8(Group), true, true)
	f.Add("/quiz answer 1 2", uint8(Private), true, true)
	f.Add("hello", uint8(Channel), true, false)
	f.Fuzz(func(t *testing.T, s string, kind uint8, addressed, action bool) {
		// One chat per kind, as on the platforms: a group muted by an earlier input must
		// not silence the private chat.
		ck := ChatKind(kind % 3)
		m := &Message{Platform: "fuzz", ChatID: ck.String(), ChatKind: ck, UserID: "u", UserName: "Fuzz",
			Addressed: addressed, Action: action, IsAdmin: true, Text: s}
		if m.ChatKind == Private {
			m.Addressed = true // adapters mark every private message addressed
		}
		r := b.Handle(context.Background(), m)
		if strings.Contains(logs.String(), "handler panic") {
			t.Fatalf("panic for %q in a %v chat:\n%s", s, m.ChatKind, logs.String())
		}
		switch {
		case m.ChatKind == Private && r == nil:
			t.Fatalf("silence in a private chat for %q", s)
		case m.ChatKind == Group && !m.Addressed && r != nil:
			t.Fatalf("answered group chatter %q not addressed to the bot: %q", s, PlainText(r))
		case m.ChatKind == Channel && r != nil:
			t.Fatalf("answered a channel post %q", s)
		}
		if r == nil {
			return
		}
		out := PlainTextWithButtons(r)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 in the reply to %q", s)
		}
		if len(out) > 32<<10 {
			t.Fatalf("reply of %d bytes to %q", len(out), s)
		}
		if utf8.RuneCountInString(s) > 2*DefaultMaxQuestionRunes && strings.Contains(out, s) {
			t.Fatalf("the reply echoes an overlong input of %d runes", utf8.RuneCountInString(s))
		}
		for _, row := range r.Buttons {
			for _, btn := range row {
				if len(btn.Data) == 0 || len(btn.Data) > maxButtonData {
					t.Fatalf("button data %q for %q", btn.Data, s)
				}
				if !utf8.ValidString(btn.Label) || !utf8.ValidString(btn.Data) {
					t.Fatalf("button %q/%q not valid UTF-8 for %q", btn.Label, btn.Data, s)
				}
			}
		}
	})
}

// FuzzSplitCommand checks the command parser: a command name is non-empty, lower case,
// without '@' or spaces; its arguments are trimmed and come from the text. ("//" is the
// command "/", which the router answers as unknown.)
func FuzzSplitCommand(f *testing.F) {
	for _, s := range handleSeeds {
		f.Add(s)
	}
	for _, s := range []string{"/ASK@Bot  what ", "/@bot", "/ @bot x", "/a@b@c d", "\t/help\n", "/İ", "/K", "/ﬀ x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		name, args, ok := splitCommand(s)
		if !ok {
			if name != "" || args != "" {
				t.Fatalf("splitCommand(%q): not a command but name %q args %q", s, name, args)
			}
			if got := Args(&Message{Text: s}); got != strings.TrimSpace(s) {
				t.Fatalf("Args(%q) = %q for a non-command", s, got)
			}
			return
		}
		if !strings.HasPrefix(strings.TrimSpace(s), "/") {
			t.Fatalf("splitCommand(%q): a command not starting with /", s)
		}
		if name == "" || strings.ContainsAny(name, "@ ") {
			t.Fatalf("splitCommand(%q): name %q", s, name)
		}
		if strings.ToLower(name) != name {
			t.Fatalf("splitCommand(%q): name %q not lower case", s, name)
		}
		if args != strings.TrimSpace(args) {
			t.Fatalf("splitCommand(%q): args %q not trimmed", s, args)
		}
		if args != "" && !strings.Contains(s, args) {
			t.Fatalf("splitCommand(%q): args %q not from the text", s, args)
		}
		if got := Args(&Message{Text: s}); got != args {
			t.Fatalf("Args(%q) = %q, splitCommand args %q", s, got, args)
		}
	})
}
