// The host's phone page's own strings, added to the audience and viewer pages' table
// (i18n.js), so the switch, the fallback and <html lang> work the same on every page.
//
// The cue presets are the host console's defaults (src/kanpe/ui/host/cues.py, translated in
// assets/translations/kanpe_ja.ts), in the same order and with the same kinds; a test holds
// the two lists together.

import { addStrings } from "./i18n.js";

/** [string key, cue kind] per preset, in the console's order. */
export const CUE_PRESETS = [
  ["cueFiveMinutes", "time"],
  ["cueOneMinute", "time"],
  ["cueWrapUp", "wrap"],
  ["cueTimeUp", "wrap"],
  ["cueSlowDown", "text"],
  ["cueSpeakUp", "text"],
  ["cueQuestions", "text"],
];

export const HOST_STRINGS = {
  en: {
    hostTitle: "{name} · Host · Kanpe",
    hostNoTalk: "No talk on stage",
    hostUpFirst: "First up",
    hostTimerGroup: "Timer of the talk on stage",
    hostStart: "Start",
    hostPause: "Pause",
    hostResume: "Resume",
    hostMinusMinute: "−1 min",
    hostPlusMinute: "+1 min",
    hostMinusMinuteLabel: "Take one minute away",
    hostPlusMinuteLabel: "Give one more minute",
    hostCues: "Cue cards",
    hostNext: "Next talk",
    hostNextNamed: "Next talk: {who}",
    hostFirstNamed: "Put the first talk on stage: {who}",
    hostNextConfirm: "Tap again to end this talk and move on",
    hostLastTalk: "This is the last talk.",
    hostNoTalks: "The rundown has no talks yet.",
    hostOnline: "Who is online",
    hostOnlineNow: "Online",
    hostOffline: "Offline",
    hostLatency: "{ms} ms",
    hostHosts: { one: "1 host console", other: "{n} host consoles" },
    hostAudience: { one: "1 person in the audience", other: "{n} people in the audience" },
    hostCueShown: "Card shown: “{text}”",
    hostCueAcked: "Card shown: “{text}” · Got it at {time}",
    hostSent: "Sent: {what}",
    hostDone: "Done",
    hostOfflineNotSent: "Not sent: the relay cannot be reached. Nothing is queued.",
    hostRefused: "The relay refused that.",
    hostNotRunning: "The timer is not running.",
    hostAlreadyRunning: "The timer is already running.",
    hostNotFound: "That talk is no longer in the rundown.",
    hostForbidden: "This link may not do that.",
    hostTooFar: "The timer cannot be adjusted that far.",
    hostSlowDown: "Too many taps at once: try again in a moment.",
    hostNeedsTalk: "Put a talk on stage first (Next talk).",
    hostFatalInvalidDetail:
      "Ask the organiser for the host link again, and open the whole link, including the part after “#”.",
    hostFatalNotHost: "This is not a host link",
    hostFatalNotHostDetail:
      "This page controls the timers and is only for the host. Open the link you were given as it is: a speaker link goes into the Kanpe app, an audience link opens the audience page.",

    cueFiveMinutes: "5 minutes left",
    cueOneMinute: "1 minute left",
    cueWrapUp: "Please wrap up",
    cueTimeUp: "Time is up",
    cueSlowDown: "Slow down a little",
    cueSpeakUp: "Speak up",
    cueQuestions: "Questions now",
  },
  ja: {
    hostTitle: "{name} · 主催 · Kanpe",
    hostNoTalk: "登壇中のトークはありません",
    hostUpFirst: "最初の登壇",
    hostTimerGroup: "登壇中のトークのタイマー",
    hostStart: "開始",
    hostPause: "一時停止",
    hostResume: "再開",
    hostMinusMinute: "−1分",
    hostPlusMinute: "+1分",
    hostMinusMinuteLabel: "1分減らす",
    hostPlusMinuteLabel: "1分延ばす",
    hostCues: "カンペ",
    hostNext: "次のトークへ",
    hostNextNamed: "次のトークへ：{who}",
    hostFirstNamed: "最初のトークへ：{who}",
    hostNextConfirm: "もう一度タップすると、このトークを終えて次へ進みます",
    hostLastTalk: "これが最後のトークです。",
    hostNoTalks: "タイムテーブルにトークがまだありません。",
    hostOnline: "接続中の人",
    hostOnlineNow: "接続中",
    hostOffline: "未接続",
    hostLatency: "{ms} ms",
    hostHosts: { other: "主催コンソール{n}台" },
    hostAudience: { other: "視聴者{n}人" },
    hostCueShown: "表示中のカンペ：「{text}」",
    hostCueAcked: "表示中のカンペ：「{text}」 · {time}に了解",
    hostSent: "送信しました：{what}",
    hostDone: "完了",
    hostOfflineNotSent: "送信できませんでした：リレーに接続できません。後から送られることはありません。",
    hostRefused: "リレーに受け付けられませんでした。",
    hostNotRunning: "タイマーは動いていません。",
    hostAlreadyRunning: "タイマーはすでに動いています。",
    hostNotFound: "そのトークはタイムテーブルにありません。",
    hostForbidden: "このリンクではその操作はできません。",
    hostTooFar: "タイマーをそこまで調整することはできません。",
    hostSlowDown: "操作が多すぎます。少し待ってからもう一度どうぞ。",
    hostNeedsTalk: "先に「次のトークへ」で登壇するトークを選んでください。",
    hostFatalInvalidDetail:
      "主催者用リンクをもう一度確認し、「#」以降も含めたリンク全体を開いてください。",
    hostFatalNotHost: "主催者用のリンクではありません",
    hostFatalNotHostDetail:
      "このページはタイマーを操作する主催者専用です。受け取ったリンクをそのまま開いてください。登壇者用リンクはKanpeアプリに、視聴者用リンクは視聴ページで開きます。",

    cueFiveMinutes: "残り5分",
    cueOneMinute: "残り1分",
    cueWrapUp: "まとめに入ってください",
    cueTimeUp: "時間です",
    cueSlowDown: "少しゆっくり",
    cueSpeakUp: "もう少し大きな声で",
    cueQuestions: "質問タイムです",
  },
};

addStrings(HOST_STRINGS);
