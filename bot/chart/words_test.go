package chart

import "github.com/cyberdiplo/cyberdiplo/knowledge"

// testWords are the bot catalogue's chart words ("chart.*" in bot/chart.go), copied
// because this package's tests cannot import bot (bot imports chart); the golden
// layouts were drawn with them. bot's TestChartWords checks the catalogue names every
// track.
func testWords(lang knowledge.Lang) Words {
	if lang == knowledge.ID {
		return Words{
			Title:  "Linimasa diplomasi siber PBB",
			Events: "%d peristiwa, %s, dari basis fakta cyberdiplo",
			Event:  "1 peristiwa, %s, dari basis fakta cyberdiplo",
			Topic:  "topik: %s",
			Footer: "Tiap penanda: tahun · simbol dokumen PBB (atau judul singkat). Daftar lengkap dengan sumber: %s",
			Tracks: map[string]string{
				"gge":        "Kelompok Ahli Pemerintah (GGE)",
				"oewg":       "OEWG dan Mekanisme Global",
				"cybercrime": "Jalur kejahatan siber",
				"regional":   "Regional dan Indonesia",
				"other":      "Asal-usul dan teks Majelis Umum lainnya",
			},
		}
	}
	return Words{
		Title:  "Timeline of UN cyber diplomacy",
		Events: "%d events, %s, from the cyberdiplo fact base",
		Event:  "1 event, %s, from the cyberdiplo fact base",
		Topic:  "topic: %s",
		Footer: "Each marker: year · UN document symbol (or short title). Full list with sources: %s",
		Tracks: map[string]string{
			"gge":        "Groups of Governmental Experts (GGE)",
			"oewg":       "OEWG and the Global Mechanism",
			"cybercrime": "Cybercrime track",
			"regional":   "Regional and Indonesia",
			"other":      "Origins and other General Assembly texts",
		},
	}
}
