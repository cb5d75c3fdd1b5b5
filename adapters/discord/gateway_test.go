package discord

import (
	"context"
	"encoding/json"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// callbackBody is the JSON of an interaction callback.
type callbackBody struct {
	Type int `json:"type"`
	Data struct {
		Content    string `json:"content"`
		Flags      int    `json:"flags"`
		Embeds     []embedJSON
		Components []struct {
			Components []struct {
				Label    string `json:"label"`
				CustomID string `json:"custom_id"`
			} `json:"components"`
		} `json:"components"`
		AllowedMentions *struct {
			Parse []string `json:"parse"`
		} `json:"allowed_mentions"`
		Choices []struct {
			Name  string `json:"name"`
			Value any    `json:"value"`
		} `json:"choices"`
	} `json:"data"`
}

// channelPost is the JSON of a message sent to a channel or a webhook edit.
type channelPost struct {
	Content   string      `json:"content"`
	Embeds    []embedJSON `json:"embeds"`
	Reference *struct {
		MessageID string `json:"message_id"`
	} `json:"message_reference"`
	AllowedMentions *struct {
		Parse []string `json:"parse"`
	} `json:"allowed_mentions"`
}

type embedJSON struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	Fields      []struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	} `json:"fields"`
	Footer *struct {
		Text string `json:"text"`
	} `json:"footer"`
}

func decode[T any](t *testing.T, b []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("decoding %s: %v", b, err)
	}
	return v
}

func count(reqs []recorded, match func(recorded) bool) int {
	n := 0
	for _, r := range reqs {
		if match(r) {
			n++
		}
	}
	return n
}

func TestRegistersCommandsOnceWithIndonesianLocalisations(t *testing.T) {
	f := newFake(t)
	b := realBrain(t)
	r := startGateway(t, f, b, nil)
	put := f.waitRequest(t, "bulk overwrite of guild commands", func(r recorded) bool {
		return r.Method == http.MethodPut && r.Path == "/applications/"+testApp+"/guilds/"+testGuild+"/commands"
	})
	r.stop(t)

	var cmds []discordgo.ApplicationCommand
	if err := json.Unmarshal(put.Body, &cmds); err != nil {
		t.Fatal(err)
	}
	byName := map[string]discordgo.ApplicationCommand{}
	for _, c := range cmds {
		byName[c.Name] = c
	}
	for _, name := range []string{"ask", "timeline", "topics", "fact", "source", "lang", "about", "help"} {
		c, ok := byName[name]
		if !ok {
			t.Errorf("/%s not registered", name)
			continue
		}
		if c.DescriptionLocalizations == nil || (*c.DescriptionLocalizations)[localeID] == "" {
			t.Errorf("/%s has no Indonesian description", name)
		}
		if len(c.Description) == 0 || len([]rune(c.Description)) > 100 {
			t.Errorf("/%s description %q: want 1..100 characters", name, c.Description)
		}
	}
	if _, ok := byName["start"]; ok {
		t.Error("/start is a Telegram convention and must not be a slash command")
	}
	if n := byName["ask"].NameLocalizations; n == nil || (*n)[localeID] != "tanya" {
		t.Errorf("/ask Indonesian name = %v, want tanya", n)
	}
	autocomplete := map[string]bool{}
	for _, c := range cmds {
		for _, o := range c.Options {
			if o.Autocomplete {
				autocomplete[c.Name+" "+o.Name] = true
			}
		}
	}
	if !autocomplete["ask question"] || !autocomplete["fact id"] {
		t.Errorf("autocomplete options = %v, want /ask question and /fact id among them", autocomplete)
	}
	for name := range autocomplete {
		if !strings.HasSuffix(name, " question") && !strings.HasSuffix(name, " id") {
			t.Errorf("autocomplete on %q, which takes no fact", name)
		}
	}
	var topic *discordgo.ApplicationCommandOption
	for _, o := range byName["timeline"].Options {
		if o.Name == optTopic {
			topic = o
		}
	}
	if topic == nil || len(topic.Choices) != len(knowledge.AllTopics()) || len(topic.Choices) > 25 {
		t.Fatalf("/timeline topic choices = %v, want one per topic (≤ 25)", topic)
	}
	if topic.Choices[0].NameLocalizations[localeID] == "" {
		t.Error("topic choices have no Indonesian names")
	}

	// The gateway was identified without the privileged Message Content intent.
	f.mu.Lock()
	intents := f.identifies[0]["intents"].(float64)
	f.mu.Unlock()
	if int(intents)&int(discordgo.IntentMessageContent) != 0 {
		t.Error("identify asks for the privileged Message Content intent")
	}

	// A restart with the same command set lists the commands and does not overwrite them.
	f2 := newFake(t)
	f2.commands = f.commands
	r2 := startGateway(t, f2, b, nil)
	f2.waitRequest(t, "list of guild commands", func(r recorded) bool {
		return r.Method == http.MethodGet && strings.HasPrefix(r.Path, "/applications/"+testApp+"/guilds/"+testGuild+"/commands")
	})
	r2.stop(t)
	if n := count(f2.recordedRequests(), func(r recorded) bool { return r.Method == http.MethodPut }); n != 0 {
		t.Errorf("unchanged commands were overwritten %d time(s)", n)
	}
}

func TestAskAnsweredWithEmbedAndSourcesInOneResponse(t *testing.T) {
	f := newFake(t)
	b := realBrain(t)
	question, want := answeredQuestion(t, b)
	r := startGateway(t, f, b, nil)

	f.dispatch("INTERACTION_CREATE", slashCommand("810000000000000001", "ask", []map[string]any{option(optQuestion, 3, question)}))
	cb := f.waitRequest(t, "callback for /ask", isCallback("810000000000000001"))
	r.stop(t)

	got := decode[callbackBody](t, cb.Body)
	if got.Type != int(discordgo.InteractionResponseChannelMessageWithSource) {
		t.Fatalf("response type %d, want an immediate message", got.Type)
	}
	if len(got.Data.Embeds) != 1 {
		t.Fatalf("want one embed, got %d: %s", len(got.Data.Embeds), cb.Body)
	}
	e := got.Data.Embeds[0]
	if e.Title != truncate(want.Title, maxEmbedTitle) {
		t.Errorf("embed title %q, want %q", e.Title, want.Title)
	}
	if e.Description == "" {
		t.Error("embed has no answer text")
	}
	var sources string
	for _, fl := range e.Fields {
		sources += fl.Value
	}
	for _, s := range want.Sources {
		if !strings.Contains(sources, "]("+safeURL(s.URL)+")") {
			t.Errorf("source %s not linked in the embed fields: %q", s.URL, sources)
		}
	}
	if e.Footer == nil || !strings.Contains(e.Footer.Text, want.FactID) {
		t.Errorf("footer %+v does not name fact %s", e.Footer, want.FactID)
	}
	if got.Data.AllowedMentions == nil || len(got.Data.AllowedMentions.Parse) != 0 {
		t.Errorf("allowed_mentions = %+v, want an empty parse list", got.Data.AllowedMentions)
	}
	if n := count(f.recordedRequests(), isCallback("810000000000000001")); n != 1 {
		t.Errorf("%d responses to one interaction, want exactly 1", n)
	}
}

func TestAutocompleteOffersAtMost25FactsForMisspelledPartialInput(t *testing.T) {
	f := newFake(t)
	b := realBrain(t)
	const typed = "budapst conv" // misspelled and unfinished
	want := b.Suggest(typed, knowledge.EN, 25)
	if len(want) == 0 {
		t.Fatalf("the brain suggests nothing for %q", typed)
	}
	r := startGateway(t, f, b, nil)
	f.dispatch("INTERACTION_CREATE", interaction("820000000000000001", 4, map[string]any{
		"id": "600000000000000001", "name": "ask", "type": 1,
		"options": []map[string]any{{"name": optQuestion, "type": 3, "value": typed, "focused": true}},
	}, true))
	cb := f.waitRequest(t, "autocomplete result", isCallback("820000000000000001"))
	r.stop(t)

	got := decode[callbackBody](t, cb.Body)
	if got.Type != int(discordgo.InteractionApplicationCommandAutocompleteResult) {
		t.Fatalf("response type %d, want an autocomplete result", got.Type)
	}
	if len(got.Data.Choices) == 0 || len(got.Data.Choices) > 25 {
		t.Fatalf("%d choices, want 1..25", len(got.Data.Choices))
	}
	if got.Data.Choices[0].Name != truncate(want[0].Title, maxChoiceName) || got.Data.Choices[0].Value != factChoicePrefix+want[0].FactID {
		t.Errorf("first choice %+v, want %+v", got.Data.Choices[0], want[0])
	}
	for _, c := range got.Data.Choices {
		if v, _ := c.Value.(string); len(c.Name) == 0 || len([]rune(c.Name)) > 100 || len(v) > 100 {
			t.Errorf("choice %+v breaks Discord's limits", c)
		}
	}
}

func TestTimelinePagesThroughButtonInPlace(t *testing.T) {
	f := newFake(t)
	b := realBrain(t)
	r := startGateway(t, f, b, nil)

	f.dispatch("INTERACTION_CREATE", slashCommand("830000000000000001", "timeline", nil))
	first := decode[callbackBody](t, f.waitRequest(t, "first timeline page", isCallback("830000000000000001")).Body)
	var next string
	for _, row := range first.Data.Components {
		for _, btn := range row.Components {
			if len(btn.CustomID) > maxCustomID {
				t.Errorf("custom id %q longer than %d", btn.CustomID, maxCustomID)
			}
			if _, data, ok := decodeCustomID(btn.CustomID); ok && strings.Contains(data, "p2") {
				next = btn.CustomID
			}
		}
	}
	if next == "" {
		t.Fatalf("the first timeline page has no button to page 2: %+v", first.Data.Components)
	}
	_, data, _ := decodeCustomID(next)
	want := b.Handle(context.Background(), &bot.Message{Platform: "probe", ChatID: "probe-timeline", ChatKind: bot.Group,
		UserID: "probe", Text: data, Addressed: true, Action: true, LocaleHint: "en-US"})

	press := interaction("830000000000000002", 3, map[string]any{"custom_id": next, "component_type": 2}, true)
	press["message"] = map[string]any{"id": "910000000000000001", "channel_id": testChan, "flags": 0}
	f.dispatch("INTERACTION_CREATE", press)
	second := decode[callbackBody](t, f.waitRequest(t, "second page", isCallback("830000000000000002")).Body)
	r.stop(t)

	if second.Type != int(discordgo.InteractionResponseUpdateMessage) {
		t.Fatalf("button press answered with type %d, want an in-place update (7)", second.Type)
	}
	if len(second.Data.Embeds) == 0 || second.Data.Embeds[0].Description == first.Data.Embeds[0].Description {
		t.Fatal("the page did not change")
	}
	if wantDesc := renderReply(want, "", false)[0].Embeds[0].Description; second.Data.Embeds[0].Description != wantDesc {
		t.Errorf("page 2 = %q, want the brain's page 2 %q", second.Data.Embeds[0].Description, wantDesc)
	}
}

func TestEphemeralPagesOnlyForTheAsker(t *testing.T) {
	a, _ := newTestAdapter(t, Config{Token: testToken, APIURL: fakeBase, Ephemeral: true}, realBrain(t))
	// An ephemeral /timeline carries its owner in the buttons.
	resp := make(chan *discordgo.InteractionResponse, 2)
	send := func(_ context.Context, r *discordgo.InteractionResponse) error { resp <- r; return nil }
	var i discordgo.Interaction
	raw, _ := json.Marshal(slashCommand("840000000000000001", "timeline", nil))
	if err := json.Unmarshal(raw, &i); err != nil {
		t.Fatal(err)
	}
	a.serveInteraction(context.Background(), &i, send)
	first := <-resp
	if first.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Fatal("the /timeline reply is not ephemeral with discord.ephemeral set")
	}
	var id string
	for _, row := range first.Data.Components {
		for _, c := range row.(discordgo.ActionsRow).Components {
			id = c.(discordgo.Button).CustomID
		}
	}
	owner, _, ok := decodeCustomID(id)
	if !ok || owner != testUser {
		t.Fatalf("button %q does not carry the asker %s", id, testUser)
	}

	for _, tc := range []struct {
		user     string
		wantType discordgo.InteractionResponseType
	}{
		{otherUser, discordgo.InteractionResponseChannelMessageWithSource}, // a private refusal
		{testUser, discordgo.InteractionResponseUpdateMessage},
	} {
		p := interaction("84000000000000001"+tc.user[len(tc.user)-1:], 3, map[string]any{"custom_id": id, "component_type": 2}, true)
		p["member"].(map[string]any)["user"].(map[string]any)["id"] = tc.user
		raw, _ := json.Marshal(p)
		var press discordgo.Interaction
		if err := json.Unmarshal(raw, &press); err != nil {
			t.Fatal(err)
		}
		a.serveInteraction(context.Background(), &press, send)
		got := <-resp
		if got.Type != tc.wantType {
			t.Errorf("press by %s answered with type %d, want %d", tc.user, got.Type, tc.wantType)
		}
		if tc.user == otherUser && got.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
			t.Error("the refusal is visible to the channel")
		}
	}
}

func TestMentionInGuildAnsweredAsReply(t *testing.T) {
	f := newFake(t)
	b := realBrain(t)
	question, want := answeredQuestion(t, b)
	r := startGateway(t, f, b, nil)

	f.dispatch("MESSAGE_CREATE", message("850000000000000001", testChan, testGuild, testUser,
		"<@"+testBot+"> "+question+" @everyone", false, testBot))
	post := f.waitRequest(t, "reply in the channel", isChannelPost(testChan))
	r.stop(t)

	got := decode[channelPost](t, post.Body)
	if got.Reference == nil || got.Reference.MessageID != "850000000000000001" {
		t.Errorf("reply reference = %+v, want the question", got.Reference)
	}
	if got.AllowedMentions == nil || len(got.AllowedMentions.Parse) != 0 {
		t.Errorf("allowed_mentions = %+v: @everyone must not ping", got.AllowedMentions)
	}
	if len(got.Embeds) == 0 || got.Embeds[0].Title != truncate(want.Title, maxEmbedTitle) {
		t.Errorf("reply embeds %+v, want the answer %q", got.Embeds, want.Title)
	}
}

func TestIgnoresUnaddressedMessagesAndBots(t *testing.T) {
	f := newFake(t)
	b := realBrain(t)
	question, _ := answeredQuestion(t, b)
	r := startGateway(t, f, b, nil)

	f.dispatch("MESSAGE_CREATE", message("860000000000000001", testChan, testGuild, testUser, question, false))
	f.dispatch("MESSAGE_CREATE", message("860000000000000002", testChan, testGuild, otherUser, "<@"+testBot+"> "+question, true, testBot))
	f.dispatch("MESSAGE_CREATE", message("860000000000000003", testChan, testGuild, testBot, "<@"+testBot+"> "+question, true, testBot))
	f.dispatch("MESSAGE_CREATE", message("860000000000000004", testChan, testGuild, testUser, "<@"+testBot+"> "+question, false, testBot))
	replyTo := func(id, author string) map[string]any {
		m := message(id, testChan, testGuild, testUser, question, false)
		m["type"] = 19
		m["referenced_message"] = map[string]any{"id": "860000000000000090", "channel_id": testChan,
			"author": map[string]any{"id": author, "username": "x"}, "content": "", "type": 0}
		return m
	}
	f.dispatch("MESSAGE_CREATE", replyTo("860000000000000005", otherUser)) // a reply to someone else
	f.dispatch("MESSAGE_CREATE", replyTo("860000000000000006", testBot))   // a reply to the bot
	f.waitRequest(t, "answer to the mention", isChannelPost(testChan))
	f.waitRequest(t, "answer to the reply", isChannelPost(testChan))
	// Events are filtered in order on the gateway reader and Run waits for in-flight
	// replies, so after stop every reply the adapter started has been sent.
	r.stop(t)

	var refs []string
	for _, req := range f.recordedRequests() {
		if isChannelPost(testChan)(req) {
			v := req.json(t)
			ref, _ := v["message_reference"].(map[string]any)
			refs = append(refs, ref["message_id"].(string))
		}
	}
	sort.Strings(refs)
	if strings.Join(refs, ",") != "860000000000000004,860000000000000006" {
		t.Errorf("replies went to %v, want only the mention and the reply to the bot", refs)
	}
}

func TestDirectMessageAnswered(t *testing.T) {
	f := newFake(t)
	b := realBrain(t)
	question, want := answeredQuestion(t, b)
	r := startGateway(t, f, b, nil)
	f.dispatch("MESSAGE_CREATE", message("870000000000000001", testDM, "", testUser, question, false))
	post := f.waitRequest(t, "reply in the DM", isChannelPost(testDM))
	r.stop(t)
	got := decode[channelPost](t, post.Body)
	if len(got.Embeds) == 0 || got.Embeds[0].Title != truncate(want.Title, maxEmbedTitle) {
		t.Errorf("DM reply %s, want the answer %q", post.Body, want.Title)
	}
}

func TestResumesAfterDisconnectAndAnswersNextMessage(t *testing.T) {
	f := newFake(t)
	b := realBrain(t)
	question, _ := answeredQuestion(t, b)
	r := startGateway(t, f, b, func(a *Adapter) { a.reopenAfter, a.watchEvery = 300*time.Millisecond, 20*time.Millisecond })

	f.dropConnection()
	f.waitGateway(t, "resumed")
	f.dispatch("MESSAGE_CREATE", message("880000000000000001", testDM, "", testUser, question, false))
	f.waitRequest(t, "reply after the resume", isChannelPost(testDM))
	h := r.a.Health()
	r.stop(t)

	if h.Reconnects != 1 || !h.Connected || h.LastHeartbeatAck.IsZero() {
		t.Errorf("health after a resume = %+v, want connected with one reconnect and an acknowledged heartbeat", h)
	}
	if !strings.Contains(r.logs.String(), "reconnected") {
		t.Error("the reconnect was not logged")
	}
	f.mu.Lock()
	identifies := len(f.identifies)
	f.mu.Unlock()
	if identifies != 1 {
		t.Errorf("%d identifies, want 1 (the reconnect must resume, not re-identify)", identifies)
	}
}

func TestRateLimitOnMessageSendIsHonoured(t *testing.T) {
	f := newFake(t)
	b := realBrain(t)
	question, _ := answeredQuestion(t, b)
	f.failNext("POST /channels/"+testDM+"/messages", failure{status: 429,
		body:   `{"message": "You are being rate limited.", "retry_after": 0.2, "global": false}`,
		header: map[string]string{"Retry-After": "1", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset-After": "0.2"}})
	r := startGateway(t, f, b, nil)
	f.dispatch("MESSAGE_CREATE", message("890000000000000001", testDM, "", testUser, question, false))
	first := f.waitRequest(t, "rate-limited send", isChannelPost(testDM))
	second := f.waitRequest(t, "retried send", isChannelPost(testDM))
	r.stop(t)
	if gap := second.At.Sub(first.At); gap < 200*time.Millisecond {
		t.Errorf("retried after %v, before retry_after (200ms)", gap)
	}
	if n := count(f.recordedRequests(), isChannelPost(testDM)); n != 2 {
		t.Errorf("%d sends, want the rate-limited one and one retry", n)
	}
}

func TestInteractionResponseNeverSleepsOnRateLimit(t *testing.T) {
	f := newFake(t)
	b := realBrain(t)
	f.failNext("POST /interactions/", failure{status: 429,
		body: `{"message": "You are being rate limited.", "retry_after": 30, "global": false}`})
	r := startGateway(t, f, b, nil)
	f.dispatch("INTERACTION_CREATE", slashCommand("891000000000000001", "help", nil))
	f.waitRequest(t, "the one callback", isCallback("891000000000000001"))
	// Run returns only when the interaction is finished: a 30 s sleep-and-retry would
	// make the second callback appear or keep Run from returning within waitLimit.
	r.stop(t)
	if n := count(f.recordedRequests(), isCallback("891000000000000001")); n != 1 {
		t.Errorf("%d callbacks, want 1 (no retry on the interaction path)", n)
	}
	if !strings.Contains(r.logs.String(), "interaction response failed") {
		t.Error("the failed response was not logged")
	}
}

func TestSlowHandlerIsDeferredThenEdited(t *testing.T) {
	f := newFake(t)
	b := realBrain(t)
	question, want := answeredQuestion(t, b)
	slow := &slowBrain{brain: b, entered: make(chan struct{}, 1), release: make(chan struct{})}
	r := startGateway(t, f, slow, func(a *Adapter) { a.deferAfter = 10 * time.Millisecond })

	f.dispatch("INTERACTION_CREATE", slashCommand("892000000000000001", "ask", []map[string]any{option(optQuestion, 3, question)}))
	<-slow.entered
	deferred := decode[callbackBody](t, f.waitRequest(t, "deferral", isCallback("892000000000000001")).Body)
	if deferred.Type != int(discordgo.InteractionResponseDeferredChannelMessageWithSource) {
		t.Fatalf("first response type %d, want a deferral (5)", deferred.Type)
	}
	close(slow.release) // the brain answers only after the deferral went out
	edit := f.waitRequest(t, "edit of the deferred message", func(r recorded) bool {
		return r.Method == http.MethodPatch && strings.HasPrefix(r.Path, "/webhooks/"+testApp+"/itoken-892000000000000001/messages/@original")
	})
	r.stop(t)
	got := decode[channelPost](t, edit.Body)
	if len(got.Embeds) == 0 || got.Embeds[0].Title != truncate(want.Title, maxEmbedTitle) {
		t.Errorf("edited message %s, want the answer", edit.Body)
	}
	if n := count(f.recordedRequests(), isCallback("892000000000000001")); n != 1 {
		t.Errorf("%d initial responses, want exactly 1", n)
	}
}

func TestReplayedInteractionIsAnsweredOnce(t *testing.T) {
	f := newFake(t)
	b := realBrain(t)
	r := startGateway(t, f, b, nil)
	ev := slashCommand("893000000000000001", "about", nil)
	f.dispatch("INTERACTION_CREATE", ev)
	f.dispatch("INTERACTION_CREATE", ev) // e.g. replayed after a resume
	f.dispatch("INTERACTION_CREATE", slashCommand("893000000000000002", "help", nil))
	f.waitRequest(t, "answer to the next interaction", isCallback("893000000000000002"))
	r.stop(t)
	if n := count(f.recordedRequests(), isCallback("893000000000000001")); n != 1 {
		t.Errorf("a replayed interaction got %d responses, want 1", n)
	}
}

func TestOnceResponderLetsOneResponseThrough(t *testing.T) {
	sent := make(chan *discordgo.InteractionResponse, 8)
	o := &onceResponder{send: func(_ context.Context, r *discordgo.InteractionResponse) error { sent <- r; return nil }}
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			errs <- o.respond(context.Background(), &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource})
		}()
	}
	refused := 0
	for range 8 {
		if err := <-errs; err == errAlreadyResponded {
			refused++
		} else if err != nil {
			t.Fatal(err)
		}
	}
	if len(sent) != 1 || refused != 7 {
		t.Errorf("%d responses sent and %d refused, want 1 and 7", len(sent), refused)
	}
}

func TestMissingEmbedPermissionFallsBackToPlainTextAndLogsOnce(t *testing.T) {
	f := newFake(t)
	b := realBrain(t)
	question, want := answeredQuestion(t, b)
	missing := failure{status: 403, body: `{"message": "Missing Permissions", "code": 50013}`}
	f.failNext("POST /channels/"+testChan+"/messages", missing) // embeds refused
	r := startGateway(t, f, b, nil)

	f.dispatch("MESSAGE_CREATE", message("894000000000000001", testChan, testGuild, testUser, "<@"+testBot+"> "+question, false, testBot))
	f.waitRequest(t, "refused embed", isChannelPost(testChan))
	plain := f.waitRequest(t, "plain-text retry", isChannelPost(testChan)).json(t)
	if embeds, _ := plain["embeds"].([]any); len(embeds) != 0 || !strings.Contains(plain["content"].(string), want.Sources[0].URL[:20]) {
		t.Errorf("fallback = %v, want plain text with the sources", plain)
	}

	// A channel where the bot may not speak at all: one log line, no loop.
	const muted = "400000000000000099"
	for n := range 4 {
		f.failNext("POST /channels/"+muted+"/messages", failure{status: 403, body: `{"message": "Missing Access", "code": 50001}`})
		f.dispatch("MESSAGE_CREATE", message("89500000000000000"+string(rune('1'+n)), muted, testGuild, testUser, "<@"+testBot+"> "+question, false, testBot))
		f.waitRequest(t, "attempt in the muted channel", isChannelPost(muted))
	}
	r.stop(t)
	if n := strings.Count(r.logs.String(), "missing permission in channel"); n != 1 {
		t.Errorf("the missing permission was logged %d times, want once", n)
	}
	if n := count(f.recordedRequests(), isChannelPost(muted)); n != 4 {
		t.Errorf("%d attempts in the muted channel, want one per message (4)", n)
	}
}

func TestTransportErrorsDoNotLeakTokens(t *testing.T) {
	f := newFake(t)
	f.failNext("POST /interactions/", failure{status: hangUp})
	r := startGateway(t, f, realBrain(t), nil)
	f.dispatch("INTERACTION_CREATE", slashCommand("896000000000000001", "help", nil))
	f.waitRequest(t, "the callback that hangs up", isCallback("896000000000000001"))
	r.stop(t) // also checks the bot token
	logs := r.logs.String()
	if !strings.Contains(logs, "interaction response failed") {
		t.Fatalf("the transport error was not logged:\n%s", logs)
	}
	if strings.Contains(logs, "itoken-896000000000000001") {
		t.Errorf("the interaction token appears in the logs:\n%s", logs)
	}
}

func TestWatchdogReopensASessionLeftClosed(t *testing.T) {
	f := newFake(t)
	b := realBrain(t)
	question, _ := answeredQuestion(t, b)
	r := startGateway(t, f, b, func(a *Adapter) {
		a.reopenAfter, a.watchEvery = 10*time.Millisecond, 5*time.Millisecond
	})
	// A close discordgo does not recover from by itself (it only reconnects after errors).
	if err := r.a.session.Close(); err != nil {
		t.Fatal(err)
	}
	f.waitGateway(t, "resumed")
	f.dispatch("MESSAGE_CREATE", message("897000000000000001", testDM, "", testUser, question, false))
	f.waitRequest(t, "reply after the reopen", isChannelPost(testDM))
	r.stop(t)
	if !strings.Contains(r.logs.String(), "reopening") || !strings.Contains(r.logs.String(), "reconnected") {
		t.Error("the reopen was not logged")
	}
}

type panicBrain struct{ brain }

func (panicBrain) Handle(context.Context, *bot.Message) *bot.Reply { panic("boom") }

func TestBrainPanicGetsAnApologyNotACrash(t *testing.T) {
	a, logs := newTestAdapter(t, testConfig(), panicBrain{realBrain(t)})
	raw, _ := json.Marshal(slashCommand("898000000000000001", "ask", []map[string]any{option(optQuestion, 3, "what is the OEWG?")}))
	var i discordgo.Interaction
	if err := json.Unmarshal(raw, &i); err != nil {
		t.Fatal(err)
	}
	resp := make(chan *discordgo.InteractionResponse, 1)
	a.serveInteraction(context.Background(), &i, func(_ context.Context, r *discordgo.InteractionResponse) error { resp <- r; return nil })
	got := <-resp
	if got.Type != discordgo.InteractionResponseChannelMessageWithSource || got.Data.Content != say(knowledge.EN, msgInternal) {
		t.Errorf("response %+v, want the apology", got.Data)
	}
	if !strings.Contains(logs.String(), "panicked") {
		t.Error("the panic was not logged")
	}
}

// gateBrain holds the messages whose text is "hold" until released.
type gateBrain struct {
	brain
	held    chan struct{}
	release chan struct{}
}

func (g *gateBrain) Handle(ctx context.Context, m *bot.Message) *bot.Reply {
	if m.Text == "hold" {
		g.held <- struct{}{}
		<-g.release
	}
	return g.brain.Handle(ctx, m)
}

func TestFloodBeyondTheReplySlotsIsDroppedNotQueued(t *testing.T) {
	f := newFake(t)
	b := realBrain(t)
	question, _ := answeredQuestion(t, b)
	g := &gateBrain{brain: b, held: make(chan struct{}, 1), release: make(chan struct{})}
	r := startGateway(t, f, g, func(a *Adapter) { a.messageSlots = make(chan struct{}, 1) })

	f.dispatch("MESSAGE_CREATE", message("899000000000000001", testDM, "", testUser, "hold", false))
	<-g.held // the only slot is busy
	f.dispatch("MESSAGE_CREATE", message("899000000000000002", testDM, "", testUser, question, false))
	// Events are handled in order: once this interaction is answered, the message before it
	// has been dropped or taken.
	f.dispatch("INTERACTION_CREATE", slashCommand("899000000000000003", "help", nil))
	f.waitRequest(t, "answer to the interaction", isCallback("899000000000000003"))
	close(g.release)
	f.waitRequest(t, "answer to the held message", isChannelPost(testDM))
	r.stop(t)

	if n := count(f.recordedRequests(), isChannelPost(testDM)); n != 1 {
		t.Errorf("%d replies, want 1 (the message beyond the slots is dropped)", n)
	}
	if !strings.Contains(r.logs.String(), "message dropped") {
		t.Error("the drop was not logged")
	}
}

func TestRefusedTokenStopsRunWithAnError(t *testing.T) {
	f := newFake(t)
	f.refuseIdentify = true
	a, logs := newTestAdapter(t, testConfig(), realBrain(t))
	done := make(chan error, 1)
	go func() { done <- a.Run(context.Background()) }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "refused") {
			t.Fatalf("Run = %v, want an error saying Discord refused the bot", err)
		}
		if strings.Contains(err.Error(), testToken) || strings.Contains(logs.String(), testToken) {
			t.Error("the token leaked into the error or the logs")
		}
	case <-time.After(waitLimit):
		t.Fatal("Run kept retrying a refused token")
	}
}
