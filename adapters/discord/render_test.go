package discord

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/cyberdiplo/cyberdiplo/adapters/internal/chattext"
	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// checkLimits fails when a rendered message breaks one of Discord's limits.
func checkLimits(t *testing.T, msgs []outMessage) {
	t.Helper()
	for n, m := range msgs {
		if chattext.Units(m.Content) > maxContent {
			t.Errorf("message %d: content of %d characters", n, chattext.Units(m.Content))
		}
		if len(m.Embeds) > maxEmbedsPerMessage {
			t.Errorf("message %d: %d embeds", n, len(m.Embeds))
		}
		total := 0
		for _, e := range m.Embeds {
			total += embedSize(e)
			if chattext.Units(e.Title) > maxEmbedTitle || chattext.Units(e.Description) > maxEmbedDescription || len(e.Fields) > maxFields {
				t.Errorf("message %d: embed over its limits", n)
			}
			for _, f := range e.Fields {
				if chattext.Units(f.Value) > maxFieldValue || f.Value == "" || chattext.Units(f.Name) > maxFieldName {
					t.Errorf("message %d: field %q over its limits", n, f.Name)
				}
			}
		}
		if total > maxEmbedTotal {
			t.Errorf("message %d: embeds total %d characters", n, total)
		}
		if !utf8.ValidString(m.Content) {
			t.Errorf("message %d: invalid UTF-8", n)
		}
	}
}

func TestRenderKeepsDiscordLimitsWithoutLosingText(t *testing.T) {
	long := strings.Repeat("Resolusi A/RES/70/237 menyambut laporan GGE 2015. 🇮🇩 ", 300) // ~16k characters, with surrogate pairs
	var blocks []bot.Block
	for i := range 40 {
		blocks = append(blocks, bot.Block{Spans: []bot.Span{{Text: long[:200+i*10]}}})
	}
	var sources []knowledge.Source
	for i := range 60 {
		sources = append(sources, knowledge.Source{Title: strings.Repeat("Source title ", 5) + string(rune('A'+i%26)), URL: "https://docs.un.org/en/A/RES/70/237"})
	}
	for _, tc := range []struct {
		name  string
		reply bot.Reply
		plain bool
	}{
		{"huge answer as embeds", bot.Reply{Kind: bot.KindAnswer, Title: strings.Repeat("T", 400), Blocks: blocks, Sources: sources, Footer: "gge-2015 · 2015-07-22"}, false},
		{"huge answer as plain text", bot.Reply{Kind: bot.KindAnswer, Title: "Title", Blocks: blocks, Sources: sources}, true},
		{"one enormous block", bot.Reply{Kind: bot.KindInfo, Blocks: []bot.Block{{Spans: []bot.Span{{Text: long}}}}}, false},
		{"invalid UTF-8 and control characters", bot.Reply{Kind: bot.KindInfo, Blocks: []bot.Block{{Spans: []bot.Span{{Text: "a\xffb\x00c\x1b[31m"}}}}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msgs := renderReply(&tc.reply, "", tc.plain)
			if len(msgs) == 0 {
				t.Fatal("nothing rendered")
			}
			checkLimits(t, msgs)
			// Every word of the body is still there.
			var all strings.Builder
			for _, m := range msgs {
				all.WriteString(m.Content)
				for _, e := range m.Embeds {
					all.WriteString(e.Description)
					for _, f := range e.Fields {
						all.WriteString(f.Value)
					}
				}
			}
			got := strings.Join(strings.Fields(strings.ReplaceAll(all.String(), `\`, "")), " ")
			for _, bl := range tc.reply.Blocks {
				for _, w := range strings.Fields(clean(bl.Spans[0].Text)) {
					if !strings.Contains(got, w) {
						t.Fatalf("word %q lost", w)
					}
				}
			}
			if tc.name == "invalid UTF-8 and control characters" && strings.ContainsAny(msgs[0].Content, "\x00\x1b") {
				t.Errorf("control characters sent: %q", msgs[0].Content)
			}
		})
	}
}

func TestRenderMarkupIsLiteralAndLinksAreSafe(t *testing.T) {
	r := &bot.Reply{Kind: bot.KindInfo, Blocks: []bot.Block{
		{Spans: []bot.Span{{Text: "**not bold** ||spoiler|| <@&123> [x](https://evil.example)"}}},
		{Spans: []bot.Span{{Text: "2015. Not a list"}}},
		{Spans: []bot.Span{{Text: "report", URL: "https://docs.un.org/en/A/70/174 (draft)"}, {Text: "bad", URL: "javascript:alert(1)"}}},
	}}
	out := renderReply(r, "", false)[0].Content
	for _, bad := range []string{"**not", "||spoiler", " <@&", "[x](", "\n2015. "} {
		if strings.Contains(out, bad) {
			t.Errorf("markup %q survived: %q", bad, out)
		}
	}
	if !strings.Contains(out, "[report](<https://docs.un.org/en/A/70/174%20%28draft%29>)") {
		t.Errorf("link not rendered safely: %q", out)
	}
	if strings.Contains(out, "javascript:") && strings.Contains(out, "](javascript") {
		t.Errorf("a javascript: link was rendered: %q", out)
	}
}

func TestCustomIDs(t *testing.T) {
	for _, tc := range []struct {
		owner, data string
		ok          bool
	}{
		{"", "/timeline 2015 p2", true},
		{testUser, "/timeline gge 2015-2021 p12", true},
		{testUser, "/" + strings.Repeat("x", 63), true},
		{testUser, "/" + strings.Repeat("x", 64), false}, // over 64 bytes of data
		{"not-an-id", "/timeline", false},
		{"", "", false},
		{"", "/t\xff", false},
	} {
		id, ok := encodeCustomID(tc.owner, tc.data)
		if ok != tc.ok {
			t.Errorf("encode(%q, %q) ok = %v, want %v", tc.owner, tc.data, ok, tc.ok)
			continue
		}
		if !ok {
			continue
		}
		if len(id) > maxCustomID {
			t.Errorf("custom id %q is %d bytes", id, len(id))
		}
		owner, data, ok := decodeCustomID(id)
		if !ok || owner != tc.owner || data != tc.data {
			t.Errorf("decode(%q) = %q, %q, %v", id, owner, data, ok)
		}
	}
	for _, junk := range []string{"", "other-bot:123", "cd|", "cd|abc|/x", "cd||"} {
		if _, _, ok := decodeCustomID(junk); ok {
			t.Errorf("decode(%q) accepted", junk)
		}
	}
}

func TestButtonsAreDeduplicatedAndBounded(t *testing.T) {
	row := []bot.Button{{Label: "Next", Data: "/timeline p2"}, {Label: "Again", Data: "/timeline p2"}, {Label: "", Data: "/x"}}
	var rows [][]bot.Button
	for range 8 {
		rows = append(rows, append(row, bot.Button{Label: strings.Repeat("L", 200), Data: "/timeline p3"}))
	}
	comps := renderButtons(rows, "")
	ids := map[string]bool{}
	for _, c := range comps {
		for _, b := range c.(discordgo.ActionsRow).Components {
			btn := b.(discordgo.Button)
			if ids[btn.CustomID] {
				t.Errorf("duplicate custom id %q", btn.CustomID)
			}
			ids[btn.CustomID] = true
			if chattext.Units(btn.Label) > maxButtonLabel || btn.Label == "" {
				t.Errorf("label %q", btn.Label)
			}
		}
	}
	if len(ids) != 2 || len(comps) > maxRows {
		t.Errorf("%d buttons in %d rows, want 2 distinct buttons", len(ids), len(comps))
	}
}

func TestCommandLine(t *testing.T) {
	opt := func(name string, typ discordgo.ApplicationCommandOptionType, v any) *discordgo.ApplicationCommandInteractionDataOption {
		return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: typ, Value: v}
	}
	str, num := discordgo.ApplicationCommandOptionString, discordgo.ApplicationCommandOptionInteger
	infos := realBrain(t).Commands()
	for _, tc := range []struct {
		name string
		opts []*discordgo.ApplicationCommandInteractionDataOption
		want string
	}{
		{"ask", []*discordgo.ApplicationCommandInteractionDataOption{opt(optQuestion, str, "What is the OEWG?")}, "/ask What is the OEWG?"},
		{"ask", []*discordgo.ApplicationCommandInteractionDataOption{opt(optQuestion, str, "fact:gge-2004-2005")}, "/fact gge-2004-2005"},
		{"ask", []*discordgo.ApplicationCommandInteractionDataOption{opt(optQuestion, str, "first\n/lang id")}, "/ask first /lang id"},
		{"timeline", nil, "/timeline"},
		{"timeline", []*discordgo.ApplicationCommandInteractionDataOption{opt(optYear, num, 2015.0)}, "/timeline 2015"},
		{"timeline", []*discordgo.ApplicationCommandInteractionDataOption{opt(optFrom, num, 2015.0), opt(optTo, num, 2021.0)}, "/timeline 2015-2021"},
		{"timeline", []*discordgo.ApplicationCommandInteractionDataOption{opt(optTo, num, 2004.0), opt(optFrom, num, 2010.0)}, "/timeline 2004-2010"},
		{"timeline", []*discordgo.ApplicationCommandInteractionDataOption{opt(optFrom, num, 2019.0)}, "/timeline 2019-2026"},
		{"timeline", []*discordgo.ApplicationCommandInteractionDataOption{opt(optTopic, str, "norms")}, "/timeline norms"},
		{"timeline", []*discordgo.ApplicationCommandInteractionDataOption{opt(optYear, num, 2015.0), opt(optTopic, str, "gge")}, "/timeline 2015 gge"},
		{"fact", []*discordgo.ApplicationCommandInteractionDataOption{opt(optID, str, "oewg-2019-2021")}, "/fact oewg-2019-2021"},
		{"lang", []*discordgo.ApplicationCommandInteractionDataOption{opt(optLanguage, str, "id")}, "/lang id"},
		{"topics", nil, "/topics"},
		{"quiz", []*discordgo.ApplicationCommandInteractionDataOption{opt("topic", str, "norms")}, "/quiz norms"},
	} {
		d := discordgo.ApplicationCommandInteractionData{Name: tc.name, Options: tc.opts}
		if got := commandLine(infos, d, 2026); got != tc.want {
			t.Errorf("/%s %v → %q, want %q", tc.name, tc.opts, got, tc.want)
		}
	}
}

func TestCommandsHashIgnoresWhatDiscordAdds(t *testing.T) {
	want := buildCommands(realBrain(t).Commands())
	raw, _ := json.Marshal(want)
	var echoed []map[string]any
	_ = json.Unmarshal(raw, &echoed)
	for i, c := range echoed {
		c["id"], c["version"], c["application_id"], c["dm_permission"] = "1", "2", testApp, true
		echoed[i] = c
	}
	// Discord returns the commands in its own order.
	echoed[0], echoed[len(echoed)-1] = echoed[len(echoed)-1], echoed[0]
	raw, _ = json.Marshal(echoed)
	var have []*discordgo.ApplicationCommand
	if err := json.Unmarshal(raw, &have); err != nil {
		t.Fatal(err)
	}
	if commandsHash(have) != commandsHash(want) {
		t.Error("the same command set hashes differently after a round trip through Discord")
	}
	changed := buildCommands(realBrain(t).Commands())
	changed[1].Description += "!"
	if commandsHash(changed) == commandsHash(want) {
		t.Error("a changed description does not change the hash")
	}
}

func TestConfigCheck(t *testing.T) {
	for _, tc := range []struct {
		name    string
		cfg     Config
		wantErr string
	}{
		{"gateway defaults", Config{Token: "abc"}, ""},
		{"token with Bot prefix", Config{Token: "Bot abc"}, ""},
		{"no token", Config{}, "discord.token"},
		{"bad mode", Config{Token: "abc", Mode: "webhook"}, "discord.mode"},
		{"http without key", Config{Token: "abc", Mode: "http", ApplicationID: testApp}, "discord.public_key"},
		{"http without app", Config{Token: "abc", Mode: "http", PublicKey: strings.Repeat("ab", 32)}, "discord.application_id"},
		{"bad key", Config{Token: "abc", PublicKey: "zz"}, "discord.public_key"},
		{"bad guild", Config{Token: "abc", GuildIDs: []string{"my-server"}}, "discord.guild_ids"},
		{"bad api url", Config{Token: "abc", APIURL: "discord.com"}, "discord.api_url"},
	} {
		s, err := tc.cfg.check()
		if tc.wantErr == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			} else if s.botToken != "Bot abc" || s.Mode != ModeGateway || s.apiBase != DefaultAPIURL {
				t.Errorf("%s: settings %+v", tc.name, s)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("%s: error %v, want one naming %s", tc.name, err, tc.wantErr)
		}
		if err != nil && strings.Contains(err.Error(), "abc") && tc.cfg.Token != "" {
			t.Errorf("%s: the error shows the token: %v", tc.name, err)
		}
	}
}

func TestRedactRemovesTokens(t *testing.T) {
	msg := `Post "https://discord.com/api/v9/interactions/123456/aW50ZXJhY3Rpb24.token_x-y/callback": dial tcp: bot SECRETTOKEN; webhooks/99/abc.DEF-1/messages/@original`
	got := redactString(msg, "Bot SECRETTOKEN")
	for _, leak := range []string{"SECRETTOKEN", "aW50ZXJhY3Rpb24", "abc.DEF-1"} {
		if strings.Contains(got, leak) {
			t.Errorf("%q survived: %s", leak, got)
		}
	}
}

func TestInteractionMessage(t *testing.T) {
	a, _ := newTestAdapter(t, testConfig(), realBrain(t))
	for _, tc := range []struct {
		name        string
		guild       bool
		permissions string
		locale      string
		wantKind    bot.ChatKind
		wantAdmin   bool
	}{
		{"member", true, "0", "id", bot.Group, false},
		{"manage server", true, "32", "en-US", bot.Group, true},
		{"administrator", true, "8", "en-US", bot.Group, true},
		{"manage channels", true, "16", "en-US", bot.Group, true},
		{"direct message", false, "", "id", bot.Private, true},
	} {
		p := slashCommand("811000000000000001", "lang", []map[string]any{option(optLanguage, 3, "id")})
		if tc.guild {
			p["member"].(map[string]any)["permissions"] = tc.permissions
		} else {
			p = interaction("811000000000000001", 2, p["data"].(map[string]any), false)
		}
		p["locale"] = tc.locale
		raw, _ := json.Marshal(p)
		var i discordgo.Interaction
		if err := json.Unmarshal(raw, &i); err != nil {
			t.Fatal(err)
		}
		m, _, denial := a.interactionMessage(&i)
		if denial != "" || m.ChatKind != tc.wantKind || m.IsAdmin != tc.wantAdmin || m.LocaleHint != tc.locale ||
			m.Text != "/lang id" || m.UserID != testUser || !m.Addressed || m.Platform != "discord" {
			t.Errorf("%s: message %+v (denial %q)", tc.name, m, denial)
		}
	}
}
