package discord

import (
	"bytes"

	"github.com/bwmarrin/discordgo"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/chart"
)

// Discord's bound on an upload without Nitro boosts is 10 MiB; 8 MiB leaves room for the
// request around it. Larger pictures are scaled down, never refused.
var imageLimits = chart.Limits{MaxWidth: 4096, MaxHeight: 4096, MaxBytes: 8 << 20}

// attachment is a file sent with a message.
type attachment struct {
	name, mime string
	data       []byte
}

// files makes the message's uploads; each call gives fresh readers, so that a retried
// request sends the whole file again.
func (m outMessage) files() []*discordgo.File {
	if m.Image == nil {
		return nil
	}
	return []*discordgo.File{{Name: m.Image.name, ContentType: m.Image.mime, Reader: bytes.NewReader(m.Image.data)}}
}

// attachImage puts a reply's picture on the first message: as the image of its first
// embed, or as a plain attachment when the channel gets plain text.
func attachImage(msgs []outMessage, r *bot.Reply) {
	if r.Image == nil || len(msgs) == 0 {
		return
	}
	data, _, _, err := chart.Fit(r.Image.Data, imageLimits)
	if err != nil {
		return // the text goes out alone
	}
	msgs[0].Image = &attachment{name: r.Image.Name, mime: r.Image.MIME, data: data}
	if len(msgs[0].Embeds) > 0 {
		msgs[0].Embeds[0].Image = &discordgo.MessageEmbedImage{URL: "attachment://" + r.Image.Name}
	}
}

// hasImage reports whether a message uploads a picture: an interaction's first response
// then defers, since a response written to an HTTP interaction request carries no file.
func hasImage(msgs []outMessage) bool {
	for _, m := range msgs {
		if m.Image != nil {
			return true
		}
	}
	return false
}
