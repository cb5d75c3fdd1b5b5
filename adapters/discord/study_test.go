package discord

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/standard"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// freshBrain is a real bot with its own in-memory store, for tests that change chat
// settings (mute) or count quiz scores, which must not leak into other tests.
func freshBrain(t *testing.T) *bot.Bot {
	t.Helper()
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return standard.New(base, knowledge.NewMatcher(base), bot.Options{})
}

// asMember makes an interaction come from user with the given guild permissions.
func asMember(i map[string]any, userID, name, permissions string) map[string]any {
	i["member"] = map[string]any{
		"user": map[string]any{"id": userID, "username": name, "global_name": name},
		"nick": "", "roles": []string{}, "permissions": permissions,
	}
	return i
}

// press is a button press on the bot's message in the test channel.
func press(id, customID string) map[string]any {
	p := interaction(id, 3, map[string]any{"custom_id": customID, "component_type": 2}, true)
	p["message"] = map[string]any{"id": "910000000000000009", "channel_id": testChan, "flags": 0}
	return p
}

// shown is everything a member sees of a response: content, embed titles, descriptions
// and fields.
func shown(cb callbackBody) string {
	var b strings.Builder
	b.WriteString(cb.Data.Content)
	for _, e := range cb.Data.Embeds {
		b.WriteString("\n" + e.Title + "\n" + e.Description)
		for _, f := range e.Fields {
			b.WriteString("\n" + f.Name + "\n" + f.Value)
		}
	}
	return b.String()
}

// buttons maps the command line behind each button of a response to its custom id.
func buttons(t *testing.T, cb callbackBody) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, row := range cb.Data.Components {
		for _, btn := range row.Components {
			_, data, ok := decodeCustomID(btn.CustomID)
			if !ok {
				t.Fatalf("button %q has an undecodable custom id %q", btn.Label, btn.CustomID)
			}
			out[data] = btn.CustomID
		}
	}
	return out
}

func TestQuizTwoUsersClickThenRevealAndLeaderboard(t *testing.T) {
	f := newFake(t)
	b := freshBrain(t)
	r := startGateway(t, f, b, nil)

	f.dispatch("INTERACTION_CREATE", slashCommand("940000000000000001", "quiz", nil))
	q := decode[callbackBody](t, f.waitRequest(t, "the quiz question", isCallback("940000000000000001")).Body)
	if q.Type != int(discordgo.InteractionResponseChannelMessageWithSource) {
		t.Fatalf("/quiz answered with type %d, want a message (4)", q.Type)
	}
	var answers []string
	reveal := ""
	for data, id := range buttons(t, q) {
		switch {
		case strings.HasPrefix(data, "/quiz answer "):
			answers = append(answers, id)
		case strings.HasPrefix(data, "/quiz reveal "):
			reveal = id
		}
	}
	if len(answers) != 4 || reveal == "" {
		t.Fatalf("the question has %d answer buttons and reveal %q, want 4 answers and a reveal button:\n%s", len(answers), reveal, shown(q))
	}

	// Two members answer; the first answer of each counts, a repeat click is acknowledged.
	f.dispatch("INTERACTION_CREATE", asMember(press("940000000000000002", answers[0]), testUser, "Ayu", "0"))
	first := decode[callbackBody](t, f.waitRequest(t, "first click", isCallback("940000000000000002")).Body)
	f.dispatch("INTERACTION_CREATE", asMember(press("940000000000000003", answers[1]), otherUser, "Budi", "0"))
	second := decode[callbackBody](t, f.waitRequest(t, "second click", isCallback("940000000000000003")).Body)
	f.dispatch("INTERACTION_CREATE", asMember(press("940000000000000004", answers[2]), testUser, "Ayu", "0"))
	repeat := decode[callbackBody](t, f.waitRequest(t, "repeat click", isCallback("940000000000000004")).Body)

	for name, cb := range map[string]callbackBody{"first": first, "second": second} {
		if cb.Type != int(discordgo.InteractionResponseUpdateMessage) {
			t.Errorf("%s click answered with type %d, want the quiz message updated in place (7)", name, cb.Type)
		}
	}
	if !strings.Contains(shown(second), "Ayu") || !strings.Contains(shown(second), "Budi") {
		t.Errorf("after two clicks the question does not show who answered:\n%s", shown(second))
	}
	if repeat.Type != int(discordgo.InteractionResponseDeferredMessageUpdate) {
		t.Errorf("a repeat click got type %d, want a deferred update (6) that leaves the message as it is", repeat.Type)
	}

	f.dispatch("INTERACTION_CREATE", asMember(press("940000000000000005", reveal), otherUser, "Budi", "0"))
	shownReveal := decode[callbackBody](t, f.waitRequest(t, "reveal", isCallback("940000000000000005")).Body)
	if shownReveal.Type != int(discordgo.InteractionResponseUpdateMessage) || len(shownReveal.Data.Embeds) == 0 {
		t.Fatalf("reveal = type %d with %d embeds, want an in-place embed", shownReveal.Type, len(shownReveal.Data.Embeds))
	}
	if !strings.Contains(shown(shownReveal), "](http") {
		t.Errorf("the reveal does not link its source:\n%s", shown(shownReveal))
	}

	f.dispatch("INTERACTION_CREATE", slashCommand("940000000000000006", "leaderboard", nil))
	board := shown(decode[callbackBody](t, f.waitRequest(t, "leaderboard", isCallback("940000000000000006")).Body))
	f.dispatch("INTERACTION_CREATE", asMember(slashCommand("940000000000000007", "mystats", nil), otherUser, "Budi", "0"))
	stats := decode[callbackBody](t, f.waitRequest(t, "mystats", isCallback("940000000000000007")).Body)
	r.stop(t)

	for _, who := range []string{"Ayu", "Budi"} {
		if !strings.Contains(board, who) || !strings.Contains(board, "of 1 correct") {
			t.Errorf("the leaderboard does not show %s with one answer:\n%s", who, board)
		}
	}
	if strings.Contains(board, "of 2") {
		t.Errorf("the repeat click was scored:\n%s", board)
	}
	if !strings.Contains(shown(stats), "1") {
		t.Errorf("/mystats does not show Budi's one answer:\n%s", shown(stats))
	}
}

func TestAdminOnlySettingsFollowMemberPermissions(t *testing.T) {
	b := freshBrain(t)
	// What the brain says to a non-admin and to an admin, asked directly.
	probe := func(chat string, admin bool) string {
		r := b.Handle(context.Background(), &bot.Message{Platform: "probe", ChatID: chat, ChatKind: bot.Group,
			UserID: "probe", Text: "/mute", Addressed: true, IsAdmin: admin, LocaleHint: "en-US"})
		return plainText(r)
	}
	refused, muted := probe("probe-refused", false), probe("probe-muted", true)
	if refused == muted {
		t.Fatalf("the brain answers /mute alike for admins and others: %q", refused)
	}

	f := newFake(t)
	r := startGateway(t, f, b, nil)
	cases := []struct {
		id, perms string
		want      string
	}{
		{"950000000000000001", "0", refused},    // no permission
		{"950000000000000002", "2048", refused}, // Send Messages only
		{"950000000000000003", "16", muted},     // Manage Channels
		{"950000000000000004", "32", muted},     // Manage Server
		{"950000000000000005", "8", muted},      // Administrator
	}
	var got []string
	for n, c := range cases {
		i := asMember(slashCommand(c.id, "mute", nil), testUser, "member", c.perms)
		i["channel_id"] = "41000000000000000" + string(rune('1'+n)) // each case its own, unmuted channel
		f.dispatch("INTERACTION_CREATE", i)
		cb := decode[callbackBody](t, f.waitRequest(t, "/mute response", isCallback(c.id)).Body)
		got = append(got, plainOf(cb))
	}
	r.stop(t)
	for n, c := range cases {
		if !sameText(got[n], c.want) {
			t.Errorf("/mute with permissions %s: %q, want %q", c.perms, got[n], c.want)
		}
	}
}

// plainOf is a response's visible text as plainText renders it (content or embed body).
func plainOf(cb callbackBody) string {
	if cb.Data.Content != "" {
		return cb.Data.Content
	}
	var parts []string
	for _, e := range cb.Data.Embeds {
		parts = append(parts, e.Description)
	}
	return strings.Join(parts, "\n")
}

// sameText compares two renderings by their words, ignoring Markdown escapes and layout.
func sameText(a, b string) bool {
	norm := func(s string) string {
		s = strings.NewReplacer(`\`, "", "*", "", "_", "").Replace(s)
		return strings.Join(strings.Fields(s), " ")
	}
	return norm(a) == norm(b)
}

func TestDailySendPostsEmbedInTheChannel(t *testing.T) {
	f := newFake(t)
	b := realBrain(t)
	_, answer := answeredQuestion(t, b)
	r := startGateway(t, f, b, nil)

	const channel = "420000000000000001"
	if err := r.a.Send(context.Background(), "discord:"+channel, answer); err != nil {
		t.Fatalf("Send: %v", err)
	}
	post := f.waitRequest(t, "the daily fact", isChannelPost(channel))
	for _, bad := range []string{"telegram:" + channel, "discord:", "discord:12ab", channel} {
		if err := r.a.Send(context.Background(), bad, answer); err == nil {
			t.Errorf("Send(%q) = nil, want an error for a chat key that is not a Discord channel", bad)
		}
	}
	r.stop(t)

	p := decode[channelPost](t, post.Body)
	if len(p.Embeds) == 0 || !strings.Contains(p.Embeds[0].Description+fieldText(p.Embeds[0]), "](http") {
		t.Fatalf("the daily fact is not an embed with a linked source: %s", post.Body)
	}
	if p.AllowedMentions == nil || len(p.AllowedMentions.Parse) != 0 {
		t.Errorf("allowed_mentions = %+v, want parse nothing", p.AllowedMentions)
	}
	if p.Reference != nil {
		t.Errorf("an unprompted post refers to message %q", p.Reference.MessageID)
	}
	if n := count(f.recordedRequests(), func(rq recorded) bool { return rq.Method == http.MethodPost && strings.HasSuffix(rq.Path, "/messages") }); n != 1 {
		t.Errorf("%d messages posted, want 1 (bad chat keys must not post)", n)
	}
}

func fieldText(e embedJSON) string {
	var b strings.Builder
	for _, f := range e.Fields {
		b.WriteString(f.Value)
	}
	return b.String()
}

func TestDailySendFallsBackToPlainTextWhereEmbedsAreRefused(t *testing.T) {
	f := newFake(t)
	b := realBrain(t)
	_, answer := answeredQuestion(t, b)
	const channel = "420000000000000002"
	f.failNext("POST /channels/"+channel+"/messages", failure{status: 403, body: `{"message": "Missing Permissions", "code": 50013}`})
	r := startGateway(t, f, b, nil)
	if err := r.a.Send(context.Background(), "discord:"+channel, answer); err != nil {
		t.Fatalf("Send: %v", err)
	}
	f.waitRequest(t, "refused embed", isChannelPost(channel))
	plain := decode[channelPost](t, f.waitRequest(t, "plain fallback", isChannelPost(channel)).Body)
	r.stop(t)
	if len(plain.Embeds) != 0 || plain.Content == "" {
		t.Errorf("fallback = %d embeds, content %q; want plain text", len(plain.Embeds), plain.Content)
	}
}

// TestAdminOnlySettingsInMentionsFollowGuildRoles: a message that mentions the bot gets its
// author's permissions from the guild's roles (the gateway state), as slash commands get
// them from the interaction.
func TestAdminOnlySettingsInMentionsFollowGuildRoles(t *testing.T) {
	b := freshBrain(t)
	probe := func(chat string, admin bool) string {
		return plainText(b.Handle(context.Background(), &bot.Message{Platform: "probe", ChatID: chat, ChatKind: bot.Group,
			UserID: "probe", Text: "/mute", Addressed: true, IsAdmin: admin, LocaleHint: "en-US"}))
	}
	refused, muted := probe("probe-refused", false), probe("probe-muted", true)

	const (
		modRole   = "600000000000000010"
		chanPlain = "440000000000000001"
		chanMod   = "440000000000000002"
	)
	f := newFake(t)
	r := startGateway(t, f, b, nil)
	channel := func(id string) map[string]any {
		return map[string]any{"id": id, "guild_id": testGuild, "type": 0, "name": "study", "permission_overwrites": []any{}}
	}
	f.dispatch("GUILD_CREATE", map[string]any{
		"id": testGuild, "name": "IR students", "owner_id": "500000000000000099", "preferred_locale": "en-US",
		"roles": []any{
			map[string]any{"id": testGuild, "name": "@everyone", "permissions": "3072"}, // view, send
			map[string]any{"id": modRole, "name": "moderators", "permissions": "16"},    // Manage Channels
		},
		"channels": []any{channel(chanPlain), channel(chanMod)},
		"members":  []any{}, "unavailable": false,
	})
	mention := func(id, ch, author string, roles []string) {
		m := message(id, ch, testGuild, author, "<@"+testBot+"> /mute", false, testBot)
		m["member"] = map[string]any{"roles": roles}
		f.dispatch("MESSAGE_CREATE", m)
	}
	mention("990000000000000001", chanPlain, otherUser, []string{})
	plainReply := decode[channelPost](t, f.waitRequest(t, "reply to a member", isChannelPost(chanPlain)).Body)
	mention("990000000000000002", chanMod, testUser, []string{modRole})
	modReply := decode[channelPost](t, f.waitRequest(t, "reply to a moderator", isChannelPost(chanMod)).Body)
	r.stop(t)

	for _, c := range []struct {
		who  string
		got  channelPost
		want string
	}{{"a member without permissions", plainReply, refused}, {"a Manage Channels moderator", modReply, muted}} {
		got := c.got.Content
		for _, e := range c.got.Embeds {
			got += e.Description
		}
		if !sameText(got, c.want) {
			t.Errorf("/mute by %s: %q, want %q", c.who, got, c.want)
		}
	}
}

// TestQuizStaysPublicWithEphemeralReplies: with discord.ephemeral set, /help is for the
// asker only, but a quiz and the leaderboard are for the whole channel, and anyone may
// press the quiz's buttons.
func TestQuizStaysPublicWithEphemeralReplies(t *testing.T) {
	a, _ := newTestAdapter(t, Config{Token: testToken, APIURL: fakeBase, Ephemeral: true}, freshBrain(t))
	resp := make(chan *discordgo.InteractionResponse, 1)
	send := func(_ context.Context, r *discordgo.InteractionResponse) error { resp <- r; return nil }
	for n, c := range []struct {
		command       string
		wantEphemeral bool
	}{{"help", true}, {"quiz", false}, {"leaderboard", false}} {
		raw, _ := json.Marshal(slashCommand("95500000000000000"+string(rune('1'+n)), c.command, nil))
		var i discordgo.Interaction
		if err := json.Unmarshal(raw, &i); err != nil {
			t.Fatal(err)
		}
		a.serveInteraction(context.Background(), &i, send)
		got := <-resp
		if eph := got.Data.Flags&discordgo.MessageFlagsEphemeral != 0; eph != c.wantEphemeral {
			t.Errorf("/%s ephemeral = %v, want %v", c.command, eph, c.wantEphemeral)
		}
		for _, row := range got.Data.Components {
			for _, comp := range row.(discordgo.ActionsRow).Components {
				if owner, _, _ := decodeCustomID(comp.(discordgo.Button).CustomID); c.command == "quiz" && owner != "" {
					t.Errorf("a quiz button is reserved for %s", owner)
				}
			}
		}
	}
}
