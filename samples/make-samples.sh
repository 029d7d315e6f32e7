#!/usr/bin/env bash
# Makes the sample audio files in this directory with open-source tools only:
#   espeak-ng (speech synthesis), sox (resampling, channel merging; no dither, so runs are repeatable), ffmpeg (encoding, metadata).
# On Debian/Ubuntu: apt-get install -y espeak-ng sox libsox-fmt-all ffmpeg
#
# Each file carries its spoken text in a metadata comment, "QWENSIM-TEXT:<sentence>" plus a line feed that ends it
# (in some containers the comment is followed directly by other bytes): the project's DashScope simulator returns that
# text as the transcript, so offline runs print real sentences. The real service ignores it.
# Run from anywhere; the files are written next to this script and the script checks every marker at the end.
set -euo pipefail
cd "$(dirname "$0")"

for tool in espeak-ng sox ffmpeg; do
    command -v "$tool" > /dev/null || { echo "Missing $tool (apt-get install -y espeak-ng sox libsox-fmt-all ffmpeg)" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# speak NAME VOICE TEXT: 16 kHz mono 16-bit WAV of TEXT in $work/NAME.wav
speak() {
    espeak-ng -v "$2" -s 150 -w "$work/$1.raw.wav" "$3"
    sox -D "$work/$1.raw.wav" -r 16000 -c 1 -b 16 "$work/$1.wav"
}

# encode INPUT OUTPUT TEXT FFMPEG-CODEC-OPTIONS...: OUTPUT with the marker comment; bit-exact (no encoder version)
encode() {
    local input=$1 output=$2 text=$3
    shift 3
    ffmpeg -hide_banner -loglevel error -y -i "$input" -map_metadata -1 -fflags +bitexact -flags:a +bitexact \
        -metadata comment="QWENSIM-TEXT:$text"$'\n' "$@" "$output"
}

hello="Hello from Apache NiFi. This sentence was spoken by a speech synthesizer."
weather="Tomorrow will be sunny in the morning, with light rain in the afternoon."
meeting="The project meeting is moved to Thursday at three o'clock."
shipping="Your order has shipped and will arrive within two business days."
left="Thank you for calling the support line, how can I help you today?"
right="Hi, I would like to know where my package is."
long="Data flows are everywhere. Every day, sensors, applications and people produce records that must be moved, \
checked, transformed and stored somewhere else. Apache NiFi was built for exactly this work. A flow is drawn as a \
graph of processors, and every piece of data travels through it as a flow file, with attributes that describe it \
and content that holds the bytes. When a processor cannot finish its work, the flow file is not lost: it waits in a \
queue, it can be retried later, and every step it took is recorded as provenance. Speech is just another kind of \
data. A recorded call, a meeting or a podcast can enter a flow as an audio file, be sent to a speech recognition \
service, and come back as text, subtitles or records that the rest of the flow can search, route and store. This \
recording is about one minute long, so that the long audio path has something to work on."

speak hello en-us "$hello"
encode "$work/hello.wav" hello-world.wav "$hello" -c:a pcm_s16le

speak weather en-gb "$weather"
encode "$work/weather.wav" weather-report.mp3 "$weather" -c:a libmp3lame -b:a 32k -ar 16000 -ac 1 -id3v2_version 3

speak meeting en-us "$meeting"
encode "$work/meeting.wav" meeting-notes.ogg "$meeting" -c:a libopus -b:a 24k

speak shipping en-gb "$shipping"
encode "$work/shipping.wav" shipping-update.flac "$shipping" -c:a flac -sample_fmt s16

# A telephone-style call: 8 kHz stereo, the agent on the left channel (0), the caller on the right channel (1).
speak left en-us "$left"
speak right en-gb "$right"
sox -D "$work/left.wav" -r 8000 "$work/left8.wav"
sox -D "$work/right.wav" -r 8000 "$work/right8.wav"
sox -D -M "$work/left8.wav" "$work/right8.wav" "$work/call.wav"
encode "$work/call.wav" stereo-call.wav "$left $right" -c:a pcm_s16le

speak long en-us "$long"
encode "$work/long.wav" long-story.mp3 "$long" -c:a libmp3lame -b:a 24k -ar 16000 -ac 1 -id3v2_version 3

# Check: the simulator's rule (text after the marker up to the first NUL, CR, LF or end) must give the sentence back.
check() {
    local found
    found=$(LC_ALL=C grep -a -o -P 'QWENSIM-TEXT:[^\x00\r\n]*' "$1" | head -n 1 | cut -d: -f2-)
    if [ "$found" != "$2" ]; then
        echo "$1: marker reads [$found], expected [$2]" >&2
        exit 1
    fi
    printf '%-20s %7s bytes %5.1f s  %.60s\n' "$1" "$(stat -c %s "$1")" \
        "$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$1")" "$2"
}
check hello-world.wav "$hello"
check weather-report.mp3 "$weather"
check meeting-notes.ogg "$meeting"
check shipping-update.flac "$shipping"
check stereo-call.wav "$left $right"
check long-story.mp3 "$long"
