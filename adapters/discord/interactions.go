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
}

func (o *onceResponder) respond(ctx context.Context, resp *discordgo.InteractionResponse) error {
	if !o.done.CompareAndSwap(false, true) {
		return errAlreadyResponded
	}
	return o.send(ctx, resp)
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
	o := &onceResponder{send: a.countedResponder(send)}
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

// groupCommands stay visible to the whole channel even with ephemeral replies: a quiz
// only its asker could see and answer, or a leaderboard nobody else sees, defeats them.
var groupCommands = map[string]bool{"quiz": true, "leaderboard": true}

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
	ephemeral := !component && a.cfg.Ephemeral && i.GuildID != "" && !groupCommands[i.ApplicationCommandData().Name]
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
	m.Text = commandLine(i.ApplicationCommandData(), time.Now().Year())
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

// commandLine maps a slash command to the command line the brain understands:
// /ask question:X → "/ask X", /timeline year:2015 → "/timeline 2015", from/to →
// "/timeline 2015-2021", topic → "/timeline norms". thisYear closes an open range.
func commandLine(d discordgo.ApplicationCommandInteractionData, thisYear int) string {
	name := d.Name
	str := func(opt string) string {
		o := d.GetOption(opt)
		if o == nil {
			return ""
		}
		s, _ := o.Value.(string)
		s = strings.Join(strings.Fields(clean(s)), " ") // one line: no smuggled second command
		return truncate(s, maxOptionText)
	}
	num := func(opt string) int {
		o := d.GetOption(opt)
		if o == nil {
			return 0
		}
		switch v := o.Value.(type) {
		case float64:
			return int(v)
		case string:
			n, _ := strconv.Atoi(v)
			return n
		}
		return 0
	}
	switch name {
	case "ask":
		q := str(optQuestion)
		if id, ok := strings.CutPrefix(q, factChoicePrefix); ok && id != "" && !strings.Contains(id, " ") {
			return "/fact " + id
		}
		return strings.TrimSpace("/ask " + q)
	case "timeline":
		var args []string
		year, from, to := num(optYear), num(optFrom), num(optTo)
		switch {
		case year != 0:
			args = append(args, strconv.Itoa(year))
		case from != 0 || to != 0:
			if from == 0 {
				from = minYear
			}
			if to == 0 {
				to = max(thisYear, from)
			}
			if from > to {
				from, to = to, from
			}
			args = append(args, fmt.Sprintf("%d-%d", from, to))
		}
		if t := str(optTopic); t != "" {
			args = append(args, t)
		}
		if wantsChart(d) {
			args = append([]string{"chart"}, args...)
		}
		return strings.TrimSpace("/timeline " + strings.Join(args, " "))
	case "fact":
		id := str(optID)
		if rest, ok := strings.CutPrefix(id, factChoicePrefix); ok {
			id = rest
		}
		return strings.TrimSpace("/fact " + id)
	case "lang":
		return strings.TrimSpace("/lang " + str(optLanguage))
	}
	// Any other command: its options' values in order.
	line := "/" + name
	for _, o := range d.Options {
		switch v := o.Value.(type) {
		case string:
			if s := str(o.Name); s != "" {
				line += " " + s
			}
		case float64:
			line += " " + strconv.FormatFloat(v, 'f', -1, 64)
		case bool:
			line += " " + strconv.FormatBool(v)
		}
	}
	return line
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
