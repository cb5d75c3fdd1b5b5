package discord

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/cyberdiplo/cyberdiplo/adapters/internal/chattext"
	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// Discord's message and embed limits, in characters (counted here in UTF-16 code units,
// which is never fewer than Discord counts).
const (
	maxContent          = 2000
	maxEmbedTitle       = 256
	maxEmbedDescription = 4096
	maxFieldName        = 256
	maxFieldValue       = 1024
	maxFields           = 25
	maxFooterUsed       = 256 // Discord allows 2048; a fact id and a date need far less
	maxEmbedTotal       = 6000
	maxEmbedsPerMessage = 10
	maxButtonLabel      = 80
	maxButtonsPerRow    = 5
	maxRows             = 5
	maxCustomID         = 100
	maxButtonData       = 64
	maxChoiceName       = 100
	maxChoiceValue      = 100
	maxAutocomplete     = 25
	embedColor          = 0x009EDB // UN blue
)

// outMessage is one Discord message of a rendered reply.
type outMessage struct {
	Content    string
	Embeds     []*discordgo.MessageEmbed
	Components []discordgo.MessageComponent
	Image      *attachment // a picture uploaded with the message (image.go)
}

// noMentions parses nothing: whatever a user typed, the bot never pings @everyone, a
// role or a user. Discord reads an empty parse list as "no mentions at all".
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// renderReply turns a reply into one or more messages within Discord's limits. Answers and
// timeline pages become embeds unless plain is set (the channel forbids embeds); buttons
// ride on the last message and carry owner when only the asker may press them.
func renderReply(r *bot.Reply, owner string, plain bool) []outMessage {
	if r == nil {
		return nil
	}
	var msgs []outMessage
	if !plain && (r.Kind == bot.KindAnswer || r.Kind == bot.KindTimeline) {
		msgs = renderEmbeds(r)
	} else {
		for _, chunk := range chattext.SplitLines(plainText(r), maxContent) {
			msgs = append(msgs, outMessage{Content: chunk})
		}
	}
	if len(msgs) == 0 {
		return nil
	}
	msgs[len(msgs)-1].Components = renderButtons(r.Buttons, owner)
	attachImage(msgs, r)
	return msgs
}

// plainText renders the whole reply as Markdown message content.
func plainText(r *bot.Reply) string {
	var b strings.Builder
	if r.Title != "" {
		b.WriteString("**" + escapeMarkdown(clean(r.Title)) + "**\n")
	}
	b.WriteString(renderBlocks(r.Blocks, true))
	if len(r.Sources) > 0 {
		b.WriteString("\n**" + bot.Text(r.Lang, bot.TextSources) + ":**\n")
		for _, s := range r.Sources {
			b.WriteString("• " + sourceLink(s, true) + "\n")
		}
	}
	if f := footerText(r); f != "" {
		b.WriteString("\n-# " + escapeMarkdown(f))
	}
	return strings.TrimRight(b.String(), "\n")
}

func renderEmbeds(r *bot.Reply) []outMessage {
	title := truncate(clean(r.Title), maxEmbedTitle)
	var embeds []*discordgo.MessageEmbed
	for i, chunk := range chattext.SplitLines(renderBlocks(r.Blocks, false), maxEmbedDescription) {
		e := &discordgo.MessageEmbed{Description: chunk, Color: embedColor}
		if i == 0 {
			e.Title = title
		}
		embeds = append(embeds, e)
	}
	if len(embeds) == 0 {
		embeds = append(embeds, &discordgo.MessageEmbed{Title: title, Color: embedColor})
	}
	footer := truncate(footerText(r), maxFooterUsed)
	// Each embed stays within the 6000-character total on its own, footer included.
	budget := maxEmbedTotal - chattext.Units(footer)
	if len(r.Sources) > 0 {
		lines := make([]string, 0, len(r.Sources))
		for _, s := range r.Sources {
			lines = append(lines, "• "+sourceLink(s, false))
		}
		values := chattext.SplitLines(strings.Join(lines, "\n"), maxFieldValue)
		for i, v := range values {
			name := bot.Text(r.Lang, bot.TextSources)
			if i > 0 {
				name += " (" + strconv.Itoa(i+1) + ")"
			}
			field := &discordgo.MessageEmbedField{Name: name, Value: v}
			last := embeds[len(embeds)-1]
			if len(last.Fields) == maxFields || embedSize(last)+chattext.Units(name)+chattext.Units(v) > budget {
				last = &discordgo.MessageEmbed{Color: embedColor}
				embeds = append(embeds, last)
			}
			last.Fields = append(last.Fields, field)
		}
	}
	if footer != "" {
		embeds[len(embeds)-1].Footer = &discordgo.MessageEmbedFooter{Text: footer}
	}

	// Pack the embeds into messages: at most ten per message and 6000 characters in all.
	var msgs []outMessage
	var cur outMessage
	total := 0
	for _, e := range embeds {
		size := embedSize(e)
		if len(cur.Embeds) > 0 && (len(cur.Embeds) == maxEmbedsPerMessage || total+size > maxEmbedTotal) {
			msgs = append(msgs, cur)
			cur, total = outMessage{}, 0
		}
		cur.Embeds = append(cur.Embeds, e)
		total += size
	}
	return append(msgs, cur)
}

// embedSize counts what Discord counts towards the 6000-character total.
func embedSize(e *discordgo.MessageEmbed) int {
	n := chattext.Units(e.Title) + chattext.Units(e.Description)
	for _, f := range e.Fields {
		n += chattext.Units(f.Name) + chattext.Units(f.Value)
	}
	if e.Footer != nil {
		n += chattext.Units(e.Footer.Text)
	}
	return n
}

func footerText(r *bot.Reply) string {
	if f := clean(r.Footer); f != "" {
		return f
	}
	return clean(r.FactID)
}

// sourceLink renders a source as a masked link; in message content the URL is wrapped in
// angle brackets so Discord does not unfurl a preview for every source.
func sourceLink(s knowledge.Source, suppressPreview bool) string {
	title := clean(s.Label())
	if sym := clean(s.Symbol); sym != "" && !strings.Contains(title, sym) {
		title = sym + " — " + title
	}
	return link(title, s.URL, suppressPreview)
}

func link(text, rawURL string, suppressPreview bool) string {
	u := safeURL(rawURL)
	if u == "" {
		return escapeMarkdown(text)
	}
	if text == "" {
		text = u
	}
	if suppressPreview {
		u = "<" + u + ">"
	}
	return "[" + escapeMarkdown(text) + "](" + u + ")"
}

// safeURL returns an http(s) URL with the characters that would end a Markdown link
// percent-encoded, or "" for anything else.
func safeURL(raw string) string {
	u, ok := chattext.LinkURL(raw)
	if !ok {
		return ""
	}
	return markdownURLEscaper.Replace(u.String())
}

var markdownURLEscaper = strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E")

// renderBlocks renders the body; each block is a line.
func renderBlocks(blocks []bot.Block, suppressPreview bool) string {
	var b strings.Builder
	for i, bl := range blocks {
		if i > 0 {
			b.WriteByte('\n')
		}
		var line strings.Builder
		for _, sp := range bl.Spans {
			line.WriteString(renderSpan(sp, suppressPreview))
		}
		b.WriteString(escapeListStart(line.String()))
	}
	return b.String()
}

func renderSpan(sp bot.Span, suppressPreview bool) string {
	text := clean(sp.Text)
	if text == "" && sp.URL == "" {
		return ""
	}
	if sp.URL != "" {
		return link(text, sp.URL, suppressPreview)
	}
	switch sp.Style {
	case bot.Bold:
		return "**" + escapeMarkdown(text) + "**"
	case bot.Italic:
		return "_" + escapeMarkdown(text) + "_"
	case bot.Code:
		if strings.Contains(text, "`") {
			return "`` " + strings.ReplaceAll(text, "``", "` `") + " ``"
		}
		return "`" + text + "`"
	}
	return escapeMarkdown(text)
}

var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, `*`, `\*`, `_`, `\_`, `~`, `\~`, "`", "\\`", `|`, `\|`,
	`>`, `\>`, `<`, `\<`, `#`, `\#`, `[`, `\[`, `]`, `\]`,
)

// escapeMarkdown makes user-visible text literal: no accidental bold, spoilers, quotes,
// headings, masked links (the brackets suffice) or mention syntax (the "<" suffices).
func escapeMarkdown(s string) string { return markdownEscaper.Replace(s) }

// escapeListStart keeps a line such as "2015. ..." or "- ..." from becoming a list.
func escapeListStart(line string) string {
	if strings.HasPrefix(line, "- ") || strings.HasPrefix(line, "+ ") {
		return `\` + line
	}
	i := 0
	for i < len(line) && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	if i > 0 && i+1 < len(line) && line[i] == '.' && line[i+1] == ' ' {
		return line[:i] + `\` + line[i:]
	}
	return line
}

// renderButtons turns the brain's button rows into action rows. Buttons whose data cannot
// ride in a custom id are dropped rather than sent broken; duplicates are dropped because
// Discord rejects a message with two equal custom ids.
func renderButtons(rows [][]bot.Button, owner string) []discordgo.MessageComponent {
	var out []discordgo.MessageComponent
	seen := map[string]bool{}
	for _, row := range rows {
		var comps []discordgo.MessageComponent
		for _, b := range row {
			id, ok := encodeCustomID(owner, b.Data)
			label := truncate(strings.TrimSpace(clean(b.Label)), maxButtonLabel)
			if !ok || label == "" || seen[id] || len(comps) == maxButtonsPerRow {
				continue
			}
			seen[id] = true
			comps = append(comps, discordgo.Button{Label: label, Style: discordgo.SecondaryButton, CustomID: id})
		}
		if len(comps) > 0 {
			out = append(out, discordgo.ActionsRow{Components: comps})
		}
		if len(out) == maxRows {
			break
		}
	}
	return out
}

// Custom ids are "cd|<owner>|<command line>": the command line is the brain's button data
// (page and filter included, at most 64 bytes) and owner, when set, is the only user who
// may press the button (ephemeral results).
const customIDPrefix = "cd|"

func encodeCustomID(owner, data string) (string, bool) {
	if data == "" || len(data) > maxButtonData || !utf8.ValidString(data) || !isSnowflakeOrEmpty(owner) {
		return "", false
	}
	id := customIDPrefix + owner + "|" + data
	return id, chattext.Units(id) <= maxCustomID
}

func decodeCustomID(id string) (owner, data string, ok bool) {
	rest, found := strings.CutPrefix(id, customIDPrefix)
	if !found {
		return "", "", false
	}
	owner, data, found = strings.Cut(rest, "|")
	if !found || data == "" || len(data) > maxButtonData || !utf8.ValidString(data) || !isSnowflakeOrEmpty(owner) {
		return "", "", false
	}
	return owner, data, true
}

func isSnowflakeOrEmpty(s string) bool { return s == "" || isSnowflake(s) }

// clean is Discord's text rule: Discord shows control characters as garbage, so they go
// along with invalid UTF-8 (chattext.CleanControls, not Telegram's NUL-only rule).
func clean(s string) string { return chattext.CleanControls(s) }

// truncate shortens s to at most limit UTF-16 units, ending with an ellipsis when cut.
func truncate(s string, limit int) string { return chattext.Truncate(s, limit) }
