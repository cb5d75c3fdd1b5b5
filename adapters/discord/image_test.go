package discord

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

func TestRenderReplyAttachesTheChart(t *testing.T) {
	b := realBrain(t)
	r := b.Handle(t.Context(), &bot.Message{Platform: "probe", ChatID: "chart", ChatKind: bot.Private, UserID: "1",
		Text: "/timeline chart 2013-2021", Addressed: true, IsAdmin: true})
	if r == nil || r.Image == nil {
		t.Fatalf("no chart: %+v", r)
	}
	for _, plain := range []bool{false, true} {
		msgs := renderReply(r, "", plain)
		if len(msgs) == 0 || msgs[0].Image == nil {
			t.Fatalf("plain=%v: no attachment: %+v", plain, msgs)
		}
		files := msgs[0].files()
		if len(files) != 1 || files[0].Name != r.Image.Name || files[0].ContentType != "image/png" {
			t.Fatalf("plain=%v: files %+v", plain, files)
		}
		// Each call gives a fresh reader, so a retried request uploads the whole file.
		var a, c bytes.Buffer
		a.ReadFrom(files[0].Reader)
		c.ReadFrom(msgs[0].files()[0].Reader)
		if a.Len() == 0 || !bytes.Equal(a.Bytes(), c.Bytes()) {
			t.Errorf("plain=%v: second upload differs (%d vs %d bytes)", plain, a.Len(), c.Len())
		}
		if !plain {
			if e := msgs[0].Embeds[0]; e.Image == nil || e.Image.URL != "attachment://"+r.Image.Name {
				t.Errorf("embed image %+v", e.Image)
			}
		}
	}
	if msgs := renderReply(&bot.Reply{Kind: bot.KindAnswer, Lang: knowledge.EN, Title: "x"}, "", false); msgs[0].Image != nil || hasImage(msgs) {
		t.Error("a reply without a picture got an attachment")
	}
}

func TestChartUploadedInChannel(t *testing.T) {
	f := newFake(t)
	b := realBrain(t)
	r := startGateway(t, f, b, nil)
	f.dispatch("MESSAGE_CREATE", message("990000000000000001", testDM, "", testUser, "/linimasa grafik 2015", false))
	got := f.waitRequest(t, "the chart post", isChannelPost(testDM))
	r.stop(t)
	body := string(got.Body)
	for _, want := range []string{"attachment://timeline-2015-id.png", "\x89PNG", `filename="timeline-2015-id.png"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the post lacks %q", want)
		}
	}
}

// TestChartInteractionDefersAndUploads: a slash command's chart goes out by REST after a
// deferred response (the only way an upload works in http mode too).
func TestChartInteractionDefersAndUploads(t *testing.T) {
	f := newFake(t)
	b := realBrain(t)
	r := startGateway(t, f, b, nil)
	f.dispatch("INTERACTION_CREATE", slashCommand("990000000000000002", "timeline", []map[string]any{option("from", 4, 2013), option("to", 4, 2021), option("chart", 5, true)}))
	cb := f.waitRequest(t, "the deferred response", func(rc recorded) bool { return strings.HasSuffix(rc.Path, "/callback") })
	if !strings.Contains(string(cb.Body), `"type":5`) {
		t.Errorf("first response is not deferred: %s", cb.Body)
	}
	edit := f.waitRequest(t, "the edit with the chart", func(rc recorded) bool { return rc.Method == "PATCH" && strings.HasPrefix(rc.Path, "/webhooks/") })
	r.stop(t)
	if !strings.Contains(string(edit.Body), "\x89PNG") || !strings.Contains(string(edit.Body), "attachment://timeline-2013-2021-en.png") {
		t.Errorf("the edit does not upload the chart (%d bytes)", len(edit.Body))
	}
}

func TestButtonUpdateDropsTheChartPicture(t *testing.T) {
	msgs := renderReply(&bot.Reply{Kind: bot.KindTimeline, Lang: knowledge.EN, Title: "Timeline", Blocks: []bot.Block{{Spans: []bot.Span{{Text: "list"}}}}}, "", false)
	resp := immediateResponse(msgs, true, false, knowledge.EN)
	if resp.Data.Attachments == nil || len(*resp.Data.Attachments) != 0 {
		t.Errorf("a button's page must clear the attachments: %+v", resp.Data.Attachments)
	}
}
