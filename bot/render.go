package bot

import (
	"strings"
)

// PlainText renders a reply as plain text: title, body lines, sources as "title (url)",
// footer, separated by blank lines. Buttons are left out (see PlainTextWithButtons). Adapters
// may use it as a fallback when rich formatting fails.
func PlainText(r *Reply) string {
	if r == nil {
		return ""
	}
	var sections []string
	if r.Title != "" {
		sections = append(sections, r.Title)
	}
	if len(r.Blocks) > 0 {
		lines := make([]string, len(r.Blocks))
		for i, b := range r.Blocks {
			lines[i] = plainSpans(b.Spans)
		}
		sections = append(sections, strings.Join(lines, "\n"))
	}
	if len(r.Sources) > 0 {
		lines := []string{text(r.Lang, "sources") + ":"}
		for _, s := range r.Sources {
			lines = append(lines, "• "+link(s.Label(), s.URL))
		}
		sections = append(sections, strings.Join(lines, "\n"))
	}
	if r.Footer != "" {
		sections = append(sections, r.Footer)
	}
	return strings.Join(sections, "\n\n")
}

// PlainTextWithButtons is PlainText followed by one line per button, written as the command
// the user can type instead of pressing it ("→ Next ▶: /timeline 2015 p2"; just the
// command when it already contains the label).
func PlainTextWithButtons(r *Reply) string {
	s := PlainText(r)
	if r == nil || len(r.Buttons) == 0 {
		return s
	}
	var lines []string
	for _, row := range r.Buttons {
		for _, b := range row {
			if b.Label == "" || strings.Contains(b.Data, b.Label) {
				lines = append(lines, "→ "+b.Data)
			} else {
				lines = append(lines, "→ "+b.Label+": "+b.Data)
			}
		}
	}
	if s == "" {
		return strings.Join(lines, "\n")
	}
	return s + "\n\n" + strings.Join(lines, "\n")
}

func plainSpans(spans []Span) string {
	var b strings.Builder
	for _, s := range spans {
		if s.URL != "" {
			b.WriteString(link(s.Text, s.URL))
		} else {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

func link(text, url string) string {
	if text == "" || text == url {
		return url
	}
	return text + " (" + url + ")"
}
