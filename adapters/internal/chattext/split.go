package chattext

import "strings"

// The two splitters below serve two shapes of text. Cut serves a formatted message that
// must be read as prose (Telegram: a long answer cut at a paragraph or sentence, never
// inside a link); SplitLines serves plain content that is already a list of lines
// (Discord's fallback message content).

// Cut picks where the part of text that starts at start should end so that it fits in
// limit units: at the last paragraph break that fits, else the last sentence end, else the
// last line break, else the last space, and only then inside a word (never inside a
// character). A cut for which avoid reports true (inside a link, say) is passed over when
// another exists. It returns len(text) when the rest fits.
func Cut(text string, start, limit int, avoid func(pos int) bool) int {
	end := FitEnd(text, start, limit)
	if end < len(text) {
		end = bestCut(text, start, end, avoid)
	}
	return end
}

// bestCut picks where to end a part that must end at or before max.
func bestCut(text string, start, max int, avoid func(int) bool) int {
	window := text[start:max]
	floor := len(window) / 4 // never leave a uselessly short part when a later cut exists
	try := func(find func(string) []int) int {
		for _, cut := range find(window) {
			if cut > floor && (avoid == nil || !avoid(start+cut)) {
				return start + cut
			}
		}
		return -1
	}
	for _, finder := range []func(string) []int{paragraphCuts, sentenceCuts, lineCuts, spaceCuts} {
		if c := try(finder); c > 0 {
			return c
		}
	}
	// A single word (or link) longer than the window: cut at the last rune boundary.
	return max
}

// The cut finders return candidate cut offsets, last first. A cut offset is where the next
// part starts; the separator stays with the earlier part and is trimmed.
func paragraphCuts(w string) []int { return cutsAfter(w, "\n\n") }
func lineCuts(w string) []int      { return cutsAfter(w, "\n") }
func spaceCuts(w string) []int     { return cutsAfter(w, " ") }

func sentenceCuts(w string) []int {
	var out []int
	for i := len(w) - 1; i > 0; i-- {
		if w[i] != ' ' && w[i] != '\n' {
			continue
		}
		if c := w[i-1]; c == '.' || c == '!' || c == '?' || (i >= 3 && w[i-3:i] == "…") {
			out = append(out, i+1)
		}
	}
	return out
}

func cutsAfter(w, sep string) []int {
	var out []int
	for i := strings.LastIndex(w, sep); i > 0; i = strings.LastIndex(w[:i], sep) {
		out = append(out, i+len(sep))
	}
	return out
}

// SplitLines cuts s into pieces of at most limit units, preferring line breaks, then
// spaces, never splitting a character. No text is lost except the line breaks at the cuts.
func SplitLines(s string, limit int) []string {
	s = strings.Trim(s, "\n")
	var out []string
	for s != "" {
		cut := FitEnd(s, 0, limit) // s[:cut] fits; linear in limit, not in len(s)
		if cut == len(s) {
			out = append(out, s)
			break
		}
		head := s[:cut]
		if nl := strings.LastIndexByte(head, '\n'); nl > 0 {
			head = s[:nl]
			cut = nl + 1
		} else if sp := strings.LastIndexByte(head, ' '); sp > 0 {
			head = s[:sp]
			cut = sp + 1
		}
		out = append(out, head)
		s = strings.TrimLeft(s[cut:], "\n")
	}
	return out
}
