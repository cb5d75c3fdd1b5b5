package study

import (
	"context"
	"strings"
	"testing"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

func TestCite(t *testing.T) {
	b, _ := newStudyBot(t, nil)
	if r := send(t, b, privateMsg("p", "/cite")); r == nil || !strings.Contains(bot.PlainText(r), "no answer in this chat yet") {
		t.Fatalf("/cite before any answer: %#v", r)
	}
	send(t, b, privateMsg("p", "what did the 2015 GGE report say?"))
	r := send(t, b, privateMsg("p", "/cite"))
	text := bot.PlainText(r)
	for _, want := range []string{
		"APA 7: United Nations General Assembly. (2015). Document A/70/174 (A/70/174). https://docs.un.org/en/A/70/174",
		"Chicago (note): United Nations General Assembly, Document A/70/174, A/70/174 (2015), https://docs.un.org/en/A/70/174.",
		"Chicago (bibliography): United Nations General Assembly. Document A/70/174. A/70/174. 2015. https://docs.un.org/en/A/70/174.",
		"APA 7: Tracker. (n.d.). Gge-2015-report. https://example.org/gge-2015-report",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("/cite lacks %q:\n%s", want, text)
		}
	}
	if strings.Index(text, "docs.un.org") > strings.Index(text, "example.org") {
		t.Error("UN documents must come first")
	}
	italic := false
	for _, bl := range r.Blocks {
		for _, sp := range bl.Spans {
			italic = italic || sp.Style == bot.Italic && sp.Text == "Document A/70/174"
		}
	}
	if !italic {
		t.Error("the APA title is not in italics")
	}
	tests := []struct{ text, contains string }{
		{"/kutip ares-73-27", "Cara mengutip"},
		{"/cite A/RES/73/27", "(2018). Document A/RES/73/27 (A/RES/73/27)"},
		{"/cite no-such-fact", "no fact with the id “no-such-fact”"},
	}
	for _, tt := range tests {
		if r := send(t, b, privateMsg("p", tt.text)); r == nil || !strings.Contains(bot.PlainText(r), tt.contains) {
			t.Errorf("%s: %s", tt.text, bot.PlainText(r))
		}
	}
}

func TestMuteAndAdmins(t *testing.T) {
	b, _ := newStudyBot(t, nil)
	admin := func(text string) *bot.Message {
		m := groupMsg("g", "boss", text)
		m.IsAdmin = true
		return m
	}
	if r := send(t, b, groupMsg("g", "u", "/mute")); r == nil || r.Kind != bot.KindError || !strings.Contains(bot.PlainText(r), "Only chat admins") {
		t.Fatalf("/mute by a member: %#v", r)
	}
	if r := send(t, b, admin("/mute")); r == nil || !strings.Contains(bot.PlainText(r), "quiet") {
		t.Fatalf("/mute by an admin: %#v", r)
	}
	for _, text := range []string{"/ask what was the first oewg?", "/quiz", "/help", "/daily on", "/unmute"} {
		if r := send(t, b, groupMsg("g", "u", text)); r != nil {
			t.Errorf("muted chat answered %q from a member: %s", text, bot.PlainText(r))
		}
	}
	if r := send(t, b, groupMsg("other", "u", "/ask what was the first oewg?")); r == nil {
		t.Fatal("muting one group muted another")
	}
	if r := send(t, b, admin("/unmute")); r == nil || !strings.Contains(bot.PlainText(r), "back") {
		t.Fatalf("/unmute by an admin: %#v", r)
	}
	if r := send(t, b, groupMsg("g", "u", "/ask what was the first oewg?")); r == nil || r.FactID != "oewg-2019-2021" {
		t.Fatalf("after /unmute: %#v", r)
	}
	if r := send(t, b, admin("/unmute")); !strings.Contains(bot.PlainText(r), "not muted") {
		t.Fatalf("/unmute when not muted: %s", bot.PlainText(r))
	}
	if r := send(t, b, privateMsg("p", "/mute")); !strings.Contains(bot.PlainText(r), "for groups") {
		t.Fatalf("/mute in private: %s", bot.PlainText(r))
	}
}

func TestCuratorsLog(t *testing.T) {
	ctx := context.Background()
	b, _ := newStudyBot(t, nil)
	send(t, b, groupMsg("g", "u1", "/ask Who won the world cup?"))
	send(t, b, groupMsg("g", "u2", "/ask who won the world cup"))
	send(t, b, privateMsg("p", "what did the GGE say?"))
	send(t, b, privateMsg("p", "what did the 2015 gge report say?")) // answered: not logged
	chatter := groupMsg("g", "u1", "just chatting, not to the bot")
	chatter.Addressed = false
	send(t, b, chatter)
	if r := send(t, b, privateMsg("p", "/report")); !strings.Contains(bot.PlainText(r), "Tell me what is wrong") {
		t.Fatalf("/report without text: %s", bot.PlainText(r))
	}
	if r := send(t, b, privateMsg("p", "/lapor Tanggalnya salah")); !strings.Contains(bot.PlainText(r), "Terima kasih") {
		t.Fatalf("/lapor: %s", bot.PlainText(r))
	}
	log, err := b.store.Unanswered(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bot.CuratorEntry{}
	for _, e := range log {
		got[string(e.Kind)+"|"+e.Text] = e
	}
	if e := got["refused|who won the world cup"]; e.Count != 2 || e.ChatKind != "group" {
		t.Errorf("refused entry %+v (same question twice, normalised)", e)
	}
	if e := got["low-confidence|what did the gge say"]; e.Count != 1 || e.ChatKind != "private" {
		t.Errorf("low-confidence entry %+v", e)
	}
	if e := got["report|[gge-2015-report] tanggalnya salah"]; e.Count != 1 {
		t.Errorf("report entry %+v (with the last answer's fact id)", e)
	}
	if len(log) != 3 {
		t.Errorf("log has %d entries, want 3: %+v", len(log), log)
	}
	for _, e := range log {
		if strings.Contains(e.Text, "u1") || strings.Contains(e.Text, "test:") {
			t.Errorf("user or chat id in the log: %+v", e)
		}
	}
}

func TestStudyCommandsInMenus(t *testing.T) {
	b, _ := newStudyBot(t, nil)
	names := map[string]bool{}
	for _, c := range b.Bot.Commands() {
		names[c.Name] = true
		if n := len([]rune(c.DescriptionEN)); n > 100 {
			t.Errorf("/%s description is %d characters", c.Name, n)
		}
	}
	for _, n := range []string{"quiz", "leaderboard", "mystats", "daily", "cite", "report", "mute", "unmute"} {
		if !names[n] {
			t.Errorf("/%s missing from the menus", n)
		}
	}
	if r := send(t, b, privateMsg("p", "/peringkat")); r == nil || r.Lang != knowledge.ID {
		t.Fatalf("Indonesian alias: %#v", r)
	}
}
