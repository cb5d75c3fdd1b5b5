package discord

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/cyberdiplo/cyberdiplo/adapters/internal/address"
	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// interactionTokenLife is how long Discord accepts follow-ups to an interaction.
const interactionTokenLife = 15 * time.Minute

// errAlreadyResponded is returned by a second attempt to answer one interaction.
var errAlreadyResponded = errors.New("interaction already responded")

// respondFunc delivers the initial response of an interaction: over REST in gateway mode,
// in the HTTP response body in http mode.
type respondFunc func(ctx context.Context, resp *discordgo.InteractionResponse) error

// onceResponder lets exactly one initial response through; Discord rejects a second one
// (40060) and the user would see an error.
type onceResponder struct {
	done atomic.Bool
	send respondFunc
	// beforeDefer, when set, runs before a deferral is sent (to keep it in the inbox).
	beforeDefer func(ctx context.Context)
}

func (o *onceResponder) respond(ctx context.Context, resp *discordgo.InteractionResponse) error {
	if !o.done.CompareAndSwap(false, true) {
		return errAlreadyResponded
	}
	if o.beforeDefer != nil && isDeferral(resp.Type) {
		o.beforeDefer(ctx)
	}
	return o.send(ctx, resp)
}

func isDeferral(t discordgo.InteractionResponseType) bool {
	return t == discordgo.InteractionResponseDeferredChannelMessageWithSource ||
		t == discordgo.InteractionResponseDeferredMessageUpdate
}

// restResponder answers over REST with a deadline and without rate-limit sleeps or
// retries: a late or repeated callback is worse than a logged failure.
func (a *Adapter) restResponder(i *discordgo.Interaction) respondFunc {
	return func(ctx context.Context, resp *discordgo.InteractionResponse) error {
		ctx, cancel := context.WithTimeout(ctx, discordgo.InteractionDeadline)
		defer cancel()
		return a.session.InteractionRespond(i, resp,
			discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false), discordgo.WithRestRetries(0))
	}
}

// serveInteraction gives i exactly one initial response, within deferAfter, and then
// delivers whatever else the reply needs (follow-ups, the edit after a deferral).
func (a *Adapter) serveInteraction(ctx context.Context, i *discordgo.Interaction, send respondFunc) {
	a.serveInteractionWith(ctx, i, send, nil)
}

// serveInteractionWith is serveInteraction with a hook run before a deferral is sent.
func (a *Adapter) serveInteractionWith(ctx context.Context, i *discordgo.Interaction, send respondFunc, beforeDefer func(context.Context)) {
	o := &onceResponder{send: a.countedResponder(send), beforeDefer: beforeDefer}
	var err error
	switch i.Type {
	case discordgo.InteractionPing:
		err = o.respond(ctx, &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong})
	case discordgo.InteractionApplicationCommandAutocomplete:
		err = o.respond(ctx, a.autocomplete(i))
	case discordgo.InteractionApplicationCommand, discordgo.InteractionMessageComponent:
		a.meter.In()
		err = a.answerInteraction(ctx, i, o)
	default:
		a.log.Debug("discord: interaction type not handled", "type", i.Type)
		return
	}
	if err != nil {
		a.log.Warn("discord: interaction response failed", "type", i.Type.String(), "err", redact(err, a.cfg.botToken))
	}
}

// countedResponder counts a failed initial response by kind, and a response that shows
// a message (not a PONG, autocomplete choices or a deferral, whose message comes later).
func (a *Adapter) countedResponder(send respondFunc) respondFunc {
	return func(ctx context.Context, resp *discordgo.InteractionResponse) error {
		err := send(ctx, resp)
		switch {
		case err != nil:
			a.countError(err)
		case resp.Type == discordgo.InteractionResponseChannelMessageWithSource,
			resp.Type == discordgo.InteractionResponseUpdateMessage:
			a.meter.Out()
		}
		return err
	}
}

// answerInteraction runs the brain for a command or a button. When the brain has not
// answered within deferAfter, the interaction is deferred ("thinking…") and the reply
// replaces the deferred message when it comes.
func (a *Adapter) answerInteraction(ctx context.Context, i *discordgo.Interaction, o *onceResponder) error {
	lang := langOf(string(i.Locale))
	m, owner, denial := a.interactionMessage(i)
	if denial != "" {
		return o.respond(ctx, ephemeralText(say(lang, denialKey(denial))))
	}
	component := i.Type == discordgo.InteractionMessageComponent
	ephemeral := !component && a.cfg.Ephemeral && i.GuildID != "" && !a.public(i.ApplicationCommandData().Name)
	if ephemeral {
		owner = m.UserID
	}

	result := make(chan *bot.Reply, 1)
	a.goWork(func(context.Context) { result <- a.ask(ctx, m) })
	timer := time.NewTimer(a.deferAfter)
	defer timer.Stop()

	select {
	case r := <-result:
		msgs := renderReply(r, owner, false)
		if len(msgs) <= 1 && !hasImage(msgs) { // uploads go by REST, which also works in http mode
			return o.respond(ctx, immediateResponse(msgs, component, ephemeral, lang))
		}
		// Several messages: defer, then edit the original and add follow-ups.
		if err := o.respond(ctx, deferredResponse(component, ephemeral)); err != nil {
			return err
		}
		return a.deliverAfterDefer(ctx, i, msgs, ephemeral)
	case <-timer.C:
		if err := o.respond(ctx, deferredResponse(component, ephemeral)); err != nil {
			return err
		}
		select {
		case r := <-result:
			msgs := renderReply(r, owner, false)
			if len(msgs) == 0 {
				if component {
					return nil // the deferred update leaves the message as it was
				}
				msgs = []outMessage{{Content: say(lang, msgNothing)}}
			}
			return a.deliverAfterDefer(ctx, i, msgs, ephemeral)
		case <-ctx.Done():
			return fmt.Errorf("deferred reply abandoned: %w", ctx.Err())
		case <-time.After(interactionTokenLife):
			return errors.New("deferred reply abandoned: the interaction token expired")
		}
	}
}

func immediateResponse(msgs []outMessage, component, ephemeral bool, lang knowledge.Lang) *discordgo.InteractionResponse {
	if len(msgs) == 0 {
		if component {
			return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}
		}
		return ephemeralText(say(lang, msgNothing))
	}
	data := responseData(msgs[0])
	if component {
		data.Attachments = &[]*discordgo.MessageAttachment{} // a page replacing a chart drops its picture
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseUpdateMessage, Data: data}
	}
	if ephemeral {
		data.Flags = discordgo.MessageFlagsEphemeral
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: data}
}

func deferredResponse(component, ephemeral bool) *discordgo.InteractionResponse {
	if component {
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}
	}
	resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
	if ephemeral {
		resp.Data = &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}
	}
	return resp
}

// responseData always sets embeds and components, so an update clears what a previous
// page had.
func responseData(m outMessage) *discordgo.InteractionResponseData {
	d := &discordgo.InteractionResponseData{
		Content: m.Content, Embeds: m.Embeds, Components: m.Components, AllowedMentions: noMentions(), Files: m.files(),
	}
	if d.Embeds == nil {
		d.Embeds = []*discordgo.MessageEmbed{}
	}
	if d.Components == nil {
		d.Components = []discordgo.MessageComponent{}
	}
	return d
}

func ephemeralText(s string) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: s, Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions()},
	}
}

// deliverAfterDefer edits the deferred message into the first part of the reply and sends
// the rest as follow-ups. These are webhook calls, not the initial response, so waiting
// out a rate limit here is fine.
func (a *Adapter) deliverAfterDefer(ctx context.Context, i *discordgo.Interaction, msgs []outMessage, ephemeral bool) error {
	first := msgs[0]
	content := first.Content
	embeds := first.Embeds
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	comps := first.Components
	if comps == nil {
		comps = []discordgo.MessageComponent{}
	}
	err := a.restCall(ctx, func(opts ...discordgo.RequestOption) error {
		_, err := a.session.InteractionResponseEdit(i, &discordgo.WebhookEdit{
			Content: &content, Embeds: &embeds, Components: &comps, AllowedMentions: noMentions(), Files: first.files(),
		}, opts...)
		return err
	})
	if err != nil {
		return fmt.Errorf("edit deferred response: %w", err)
	}
	a.meter.Out()
	for _, m := range msgs[1:] {
		params := &discordgo.WebhookParams{Content: m.Content, Embeds: m.Embeds, Components: m.Components, AllowedMentions: noMentions()}
		if ephemeral {
			params.Flags = discordgo.MessageFlagsEphemeral
		}
		err := a.restCall(ctx, func(opts ...discordgo.RequestOption) error {
			params.Files = m.files()
			_, err := a.session.FollowupMessageCreate(i, true, params, opts...)
			return err
		})
		if err != nil {
			return fmt.Errorf("follow-up: %w", err)
		}
		a.meter.Out()
	}
	return nil
}

// Reasons to refuse a button press.
const (
	denyNotYours = "not-yours"
	denyExpired  = "expired"
)

func denialKey(d string) msgKey {
	if d == denyNotYours {
		return msgNotYours
	}
	return msgExpired
}

// Permissions that make a server member a chat admin for the brain (/lang and the like).
const adminPermissions = discordgo.PermissionAdministrator | discordgo.PermissionManageGuild | discordgo.PermissionManageChannels

// interactionMessage turns a command or a button press into the brain's message. owner is
// the only user allowed to press the reply's buttons ("" for anyone); denial is set when a
// button press is refused.
func (a *Adapter) interactionMessage(i *discordgo.Interaction) (m *bot.Message, owner, denial string) {
	user := i.User
	if i.Member != nil && i.Member.User != nil {
		user = i.Member.User
	}
	if user == nil {
		user = &discordgo.User{}
	}
	m = &bot.Message{
		Platform: "discord", ChatID: i.ChannelID, ChatKind: bot.Group, UserID: user.ID,
		UserName: displayName(user, i.Member), LocaleHint: string(i.Locale),
	}
	if i.GuildID == "" {
		m.ChatKind, m.IsAdmin = bot.Private, true
	} else if i.Member != nil {
		m.IsAdmin = i.Member.Permissions&adminPermissions != 0
	}
	// Only the bot's own slash commands and buttons make interactions.
	button := i.Type == discordgo.InteractionMessageComponent
	address.Mark(m, address.Signals{Command: !button, Action: button})
	if i.Type == discordgo.InteractionMessageComponent {
		owner, data, ok := decodeCustomID(i.MessageComponentData().CustomID)
		if !ok {
			return m, "", denyExpired
		}
		if owner != "" && owner != user.ID {
			return m, "", denyNotYours
		}
		m.Text, m.Action = data, true
		return m, owner, ""
	}
	m.Text = commandLine(a.brain.Commands(), i.ApplicationCommandData(), time.Now().Year())
	return m, "", ""
}

func displayName(u *discordgo.User, member *discordgo.Member) string {
	switch {
	case member != nil && member.Nick != "":
		return member.Nick
	case u.GlobalName != "":
		return u.GlobalName
	}
	return u.Username
}

// maxOptionText caps free text from an option; the brain caps questions again.
const maxOptionText = 500

// commandLine maps a slash command to the command line the brain understands, through
// the brain's own table (CommandInfo.Line): /ask question:X → "/ask X", /timeline
// year:2015 → "/timeline 2015", from/to → "/timeline 2015-2021". thisYear closes an
// open range.
func commandLine(infos []bot.CommandInfo, d discordgo.ApplicationCommandInteractionData, thisYear int) string {
	values := map[string]string{}
	for _, o := range d.Options {
		switch v := o.Value.(type) {
		case string:
			// One line: no smuggled second command.
			values[o.Name] = truncate(strings.Join(strings.Fields(clean(v)), " "), maxOptionText)
		case float64:
			values[o.Name] = strconv.FormatFloat(v, 'f', -1, 64)
		case bool:
			values[o.Name] = strconv.FormatBool(v)
		}
	}
	name := d.Name
	// A fact picked from the autocomplete list is shown as that fact, not matched again.
	if id, ok := strings.CutPrefix(values[optQuestion], factChoicePrefix); ok && name == "ask" && id != "" && !strings.Contains(id, " ") {
		name, values = "fact", map[string]string{optID: id}
	}
	if id, ok := strings.CutPrefix(values[optID], factChoicePrefix); ok {
		values[optID] = id
	}
	if info, ok := commandInfo(infos, name); ok {
		return info.Line(values, thisYear)
	}
	// A command the brain no longer lists (registered by an older version): its values
	// in the order given; the brain answers it as an unknown command.
	line := "/" + name
	for _, o := range d.Options {
		if v := values[o.Name]; v != "" {
			line += " " + v
		}
	}
	return line
}

// public reports whether the brain shows a command's replies to the whole channel even
// where replies are ephemeral: a quiz only its asker could see and answer, or a
// leaderboard nobody else sees, defeats them.
func (a *Adapter) public(name string) bool {
	c, ok := commandInfo(a.brain.Commands(), name)
	return ok && c.Visibility == bot.VisiblePublic
}

// autocomplete offers up to 25 facts for what is being typed in /ask or /fact. It runs
// the in-process matcher and answers at once.
func (a *Adapter) autocomplete(i *discordgo.Interaction) *discordgo.InteractionResponse {
	d := i.ApplicationCommandData()
	var typed string
	for _, o := range d.Options {
		if o.Focused {
			typed, _ = o.Value.(string)
		}
	}
	typed = truncate(strings.Join(strings.Fields(clean(typed)), " "), maxOptionText)
	lang := langOf(string(i.Locale))
	var choices []*discordgo.ApplicationCommandOptionChoice
	for _, c := range a.brain.Suggest(typed, lang, maxAutocomplete) {
		name := truncate(strings.TrimSpace(clean(c.Title)), maxChoiceName)
		value := c.FactID
		if d.Name == "ask" {
			value = factChoicePrefix + c.FactID
		}
		if name == "" || value == "" || len(value) > maxChoiceValue {
			continue
		}
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: name, Value: value})
		if len(choices) == maxAutocomplete {
			break
		}
	}
	if len(choices) == 0 && typed != "" && d.Name == "ask" {
		// Nothing to suggest: offer the question as typed, so Enter still asks it.
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{
			Name: truncate(typed, maxChoiceName), Value: truncate(typed, maxChoiceValue),
		})
	}
	// No choices: the field is left out (discordgo omits it), which Discord shows as "no
	// options match"; an empty list would show "loading options failed".
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices},
	}
}
