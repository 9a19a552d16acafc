// Every string the audience and viewer pages show, in English and Japanese: one table, so nothing
// is said in one language only. The page follows the browser's languages until the person picks
// one with the switch, which is remembered on this device. <html lang> always says which.
//
// Static text in the HTML names its key: data-i18n (text), data-i18n-label (aria-label),
// data-i18n-placeholder, data-i18n-title. Scripts call t(key, {params}).

import { remember } from "./invite.js";

const LANGUAGE_KEY = "kanpe.lang";

export const STRINGS = {
  en: {
    languageName: "English",
    switchLanguage: "Switch to English",
    title: "{name} · Kanpe",
    joining: "Joining…",
    people: "{n} here",
    statusConnecting: "Connecting…",
    statusOnline: "Live",
    statusOffline: "Offline",
    reconnecting: "Reconnecting…",
    keepTyping: "You can keep typing: messages are sent when the connection is back.",
    offlineSince: "Offline since {time}.",
    unreachable: "Can’t reach the event.",
    unreachableDetail: "This network may block it, or the event has not started yet. Still trying…",
    turnedAway: "Too many people joined from this network.",
    turnedAwayDetail:
      "The event allows only so many connections from one network, and this one is full. Waiting for a place… If you are at the venue, please tell the organisers.",
    tryNow: "Try now",
    outbox: { one: "1 message waits to be sent.", other: "{n} messages wait to be sent." },

    nowSpeaking: "Now speaking",
    upNext: "Up next",
    onStage: "On stage",
    nobody: "Nobody right now",
    speakerFallback: "Speaker",
    slideOf: "Slide {page} of {pages}",
    phaseNormal: "On time",
    phaseWarning: "Wrapping up soon",
    phaseFinal: "Final minute",
    phaseFinalStretch: "Final stretch",
    phaseOvertime: "Over time",
    phasePaused: "Paused",
    phaseIdle: "Not started",
    timeLeft: "{label}: {time} left",
    timeOver: "{label}: {time} over",
    timeLeftLabel: "Time left",
    agenda: "Agenda",
    agendaNow: "Now",
    agendaNext: "Next",
    agendaDone: "Done",
    agendaLater: "Later",
    minutes: "{n} min",
    seconds: "{n} s",
    around: "about {time}",
    upNextLine: "Up next: {who} ({length})",

    reactGroup: "React to the talk",
    reactApplause: "Applause",
    reactLaugh: "Laugh",
    reactThinking: "Thinking",
    reactQuestion: "Question",
    reactCelebrate: "Celebrate",
    keysOn: "Keys 1–5 react: on",
    keysOff: "Keys 1–5 react: off",
    reactOffline: "Reconnecting… reactions are back in a moment.",
    reactEasy: "Easy there! Reactions are limited to a few a second.",
    roomBusy: "Slow down a little: the room is busy.",
    newPoll: "New poll ↑",
    newPollSaid: "New poll: {question}",

    poll: "Poll",
    pollClosed: "Poll closed · results",
    results: "Results",
    yourAnswerMark: " (your answer)",
    resultLabel: "{option}{mine}: {share} percent, {votes}",
    votes: { one: "1 vote", other: "{n} votes" },
    answers: { one: "1 answer", other: "{n} answers" },
    changeAnswer: "Change answer",
    keepAnswer: "Keep my answer",
    youAnswered: "You answered “{option}”",
    showResults: "Show results",
    hideResults: "Hide results",
    pollHasClosed: "That poll has closed.",
    watchNotAnswer: "This link can watch, not answer.",
    answerNotCounted: "Your answer was not counted. Try again.",

    tabsLabel: "Chat and questions",
    tabChat: "Chat",
    tabQuestions: "Questions",
    unreadSuffix: " new",

    questionsHeading: "Questions",
    openQuestions: "{n} open",
    askLabel: "Ask the speaker",
    askPlaceholder: "Your question",
    nameLabel: "Your name (optional)",
    namePlaceholder: "Name (optional)",
    nameShort: "Name",
    ask: "Ask",
    questionsLabel: "Questions, most up-voted first",
    questionsEmpty: "No questions yet. Ask the first one: others can up-vote it.",
    tagPinned: "📌 On screen",
    tagAnswered: "✓ Answered",
    tagYours: "Yours",
    forWhom: "for {name}",
    anonymous: "Anonymous",
    upVote: "Up-vote ({votes}):",
    takeBackVote: "Take back your up-vote ({votes}):",
    voteNotCounted: "Your vote was not counted. Try again.",
    watchNotVote: "This link can watch, not vote.",
    sendingQuestion: "Sending your question…",
    questionQueued: "Your question is sent when the connection is back.",
    questionThanks: "Thanks! Your question is in the list.",
    questionNotSent: "Your question was not sent.",

    chatHeading: "Chat",
    chatLabel: "Chat messages",
    chatEmpty: "Say hello! Messages appear next to the slides.",
    newMessages: "New messages ↓",
    messageLabel: "Message",
    messagePlaceholder: "Message",
    send: "Send",
    sending: " sending…",
    waitingForConnection: " waiting for connection…",
    messageNotSent: "Your message was not sent.",
    more: "more",
    less: "less",
    readAloudOn: "Read new messages aloud: on",
    readAloudOff: "Read new messages aloud: off",
    badgeHost: "Host",
    badgeSpeaker: "Speaker",
    report: "Report",
    reportLabel: "Report this to the hosts: {text}",
    reported: "Reported",
    reportThanks: "Thanks. The hosts will look at it.",
    reportNotSent: "Your report was not sent. Try again.",

    rateLimited: "Slow down a little, then try again.",
    linkFailed: "This link no longer works.",
    nameReserved: "That name is kept for the host and speakers. Please choose another.",

    fatalInvalid: "This link is not valid",
    fatalInvalidDetail:
      "Ask the host for the audience link again, and open the whole link, including the part after “#”.",
    fatalInvalidViewerDetail:
      "Ask the host for the viewer link again, and open the whole link, including the part after “#”.",
    fatalOutdated: "This page is out of date",
    fatalOutdatedDetail: "Reload the page to get the current version.",
    fatalClosed: "This event has ended",
    fatalClosedDetail: "The host has closed this room. Thanks for joining!",

    viewerOffline: "Offline: the countdown keeps running from the last known time while we reconnect.",
    viewerOfflineSince:
      "Offline since {time}: the countdown keeps running from the last known time while we reconnect.",
  },
  ja: {
    languageName: "日本語",
    switchLanguage: "日本語に切り替え",
    title: "{name} · Kanpe",
    joining: "参加しています…",
    people: "{n}人が参加中",
    statusConnecting: "接続中…",
    statusOnline: "ライブ",
    statusOffline: "オフライン",
    reconnecting: "再接続しています…",
    keepTyping: "このまま入力できます。接続が戻ると送信されます。",
    offlineSince: "{time}からオフラインです。",
    unreachable: "イベントに接続できません。",
    unreachableDetail:
      "このネットワークで遮断されているか、イベントがまだ始まっていない可能性があります。接続を試みています…",
    turnedAway: "このネットワークからの接続が満員です。",
    turnedAwayDetail:
      "同じネットワークから参加できる人数に上限があり、いまは上限に達しています。空きが出るのを待っています… 会場にいる方は主催者にお知らせください。",
    tryNow: "今すぐ再接続",
    outbox: { other: "送信待ちのメッセージが{n}件あります。" },

    nowSpeaking: "登壇中",
    upNext: "次の登壇",
    onStage: "ステージ",
    nobody: "現在、登壇者はいません",
    speakerFallback: "登壇者",
    slideOf: "スライド {page} / {pages}",
    phaseNormal: "時間どおり",
    phaseWarning: "まもなく終了",
    phaseFinal: "残り1分",
    phaseFinalStretch: "残りわずか",
    phaseOvertime: "時間超過",
    phasePaused: "一時停止中",
    phaseIdle: "開始前",
    timeLeft: "{label}：残り {time}",
    timeOver: "{label}：{time} 超過",
    timeLeftLabel: "残り時間",
    agenda: "タイムテーブル",
    agendaNow: "登壇中",
    agendaNext: "次",
    agendaDone: "終了",
    agendaLater: "このあと",
    minutes: "{n}分",
    seconds: "{n}秒",
    around: "{time}頃",
    upNextLine: "次の登壇：{who}（{length}）",

    reactGroup: "トークにリアクション",
    reactApplause: "拍手",
    reactLaugh: "笑い",
    reactThinking: "考え中",
    reactQuestion: "質問",
    reactCelebrate: "お祝い",
    keysOn: "1〜5キーでリアクション：オン",
    keysOff: "1〜5キーでリアクション：オフ",
    reactOffline: "再接続中です。まもなくリアクションできます。",
    reactEasy: "ちょっと待って！リアクションは1秒に数回までです。",
    roomBusy: "会場が混み合っています。少しゆっくりどうぞ。",
    newPoll: "新しい投票 ↑",
    newPollSaid: "新しい投票：{question}",

    poll: "投票",
    pollClosed: "投票終了・結果",
    results: "結果",
    yourAnswerMark: "（あなたの回答）",
    resultLabel: "{option}{mine}：{share}パーセント、{votes}",
    votes: { other: "{n}票" },
    answers: { other: "回答{n}件" },
    changeAnswer: "回答を変更",
    keepAnswer: "回答を変えない",
    youAnswered: "あなたの回答：「{option}」",
    showResults: "結果を見る",
    hideResults: "結果を閉じる",
    pollHasClosed: "この投票は終了しました。",
    watchNotAnswer: "このリンクは閲覧専用のため、回答できません。",
    answerNotCounted: "回答が反映されませんでした。もう一度お試しください。",

    tabsLabel: "チャットと質問",
    tabChat: "チャット",
    tabQuestions: "質問",
    unreadSuffix: "件の新着",

    questionsHeading: "質問",
    openQuestions: "未回答{n}件",
    askLabel: "登壇者に質問する",
    askPlaceholder: "質問を入力",
    nameLabel: "名前（任意）",
    namePlaceholder: "名前（任意）",
    nameShort: "名前",
    ask: "質問する",
    questionsLabel: "質問（投票の多い順）",
    questionsEmpty: "まだ質問はありません。最初の質問をどうぞ。ほかの人が投票できます。",
    tagPinned: "📌 表示中",
    tagAnswered: "✓ 回答済み",
    tagYours: "あなたの質問",
    forWhom: "{name}さんへ",
    anonymous: "匿名",
    upVote: "投票する（{votes}）：",
    takeBackVote: "投票を取り消す（{votes}）：",
    voteNotCounted: "投票が反映されませんでした。もう一度お試しください。",
    watchNotVote: "このリンクは閲覧専用のため、投票できません。",
    sendingQuestion: "質問を送信しています…",
    questionQueued: "接続が戻ると質問を送信します。",
    questionThanks: "ありがとうございます！質問がリストに追加されました。",
    questionNotSent: "質問を送信できませんでした。",

    chatHeading: "チャット",
    chatLabel: "チャットのメッセージ",
    chatEmpty: "あいさつしましょう！メッセージはスライドの横に表示されます。",
    newMessages: "新着メッセージ ↓",
    messageLabel: "メッセージ",
    messagePlaceholder: "メッセージを入力",
    send: "送信",
    sending: " 送信中…",
    waitingForConnection: " 接続待ち…",
    messageNotSent: "メッセージを送信できませんでした。",
    more: "続きを読む",
    less: "閉じる",
    readAloudOn: "新着メッセージの読み上げ：オン",
    readAloudOff: "新着メッセージの読み上げ：オフ",
    badgeHost: "主催",
    badgeSpeaker: "登壇者",
    report: "報告",
    reportLabel: "主催者に報告：{text}",
    reported: "報告済み",
    reportThanks: "報告しました。主催者が確認します。",
    reportNotSent: "報告を送信できませんでした。もう一度お試しください。",

    rateLimited: "少し時間をおいてから、もう一度お試しください。",
    linkFailed: "このリンクは使えなくなりました。",
    nameReserved: "その名前は主催者・登壇者のためのものです。別の名前にしてください。",

    fatalInvalid: "このリンクは無効です",
    fatalInvalidDetail:
      "主催者に参加用リンクをもう一度もらい、「#」以降も含めたリンク全体を開いてください。",
    fatalInvalidViewerDetail:
      "主催者に表示用リンクをもう一度もらい、「#」以降も含めたリンク全体を開いてください。",
    fatalOutdated: "このページは古くなっています",
    fatalOutdatedDetail: "ページを再読み込みして、最新版を表示してください。",
    fatalClosed: "このイベントは終了しました",
    fatalClosedDetail: "主催者がこのルームを閉じました。ご参加ありがとうございました！",

    viewerOffline: "オフライン：再接続するまで、最後に分かった時刻からカウントダウンを続けます。",
    viewerOfflineSince:
      "{time}からオフライン：再接続するまで、最後に分かった時刻からカウントダウンを続けます。",
  },
};

export const LANGUAGES = Object.keys(STRINGS);

/** The language to show: the one picked on this device, else the browser's first we speak. */
function choose() {
  const saved = remember.get(LANGUAGE_KEY, null);
  if (LANGUAGES.includes(saved)) return saved;
  for (const tag of navigator.languages || [navigator.language || ""]) {
    const base = String(tag).toLowerCase().split("-")[0];
    if (LANGUAGES.includes(base)) return base;
  }
  return "en";
}

let current = choose();
const listeners = new Set();

export function language() {
  return current;
}

/** ``key``'s text in the current language, with {name} placeholders filled from ``params``;
 * a plural entry ({one, other}) is chosen by ``params.n``. */
export function t(key, params = {}) {
  let entry = STRINGS[current][key] ?? STRINGS.en[key];
  if (entry === undefined) throw new Error(`no string ${key}`);
  if (typeof entry === "object") {
    const rule = new Intl.PluralRules(current).select(params.n ?? 0);
    entry = entry[rule] ?? entry.other;
  }
  return entry.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** A relay-independent local clock time, "19:42", in the page's language. */
export function clockTime(date) {
  return date.toLocaleTimeString(current === "ja" ? "ja-JP" : "en-GB", { hour: "2-digit", minute: "2-digit" });
}

/** Fill every data-i18n* element under ``root`` and set <html lang>. Keys a page adds later
 * (addStrings) are left alone until then. */
export function translate(root = document) {
  document.documentElement.lang = current;
  const fill = (attribute, key, apply) => {
    for (const node of root.querySelectorAll(`[${attribute}]`)) {
      if (node.dataset[key] in STRINGS.en) apply(node, t(node.dataset[key]));
    }
  };
  fill("data-i18n", "i18n", (node, text) => (node.textContent = text));
  fill("data-i18n-label", "i18nLabel", (node, text) => node.setAttribute("aria-label", text));
  fill("data-i18n-placeholder", "i18nPlaceholder", (node, text) => (node.placeholder = text));
  fill("data-i18n-title", "i18nTitle", (node, text) => (node.title = text));
}

/** A page's own strings ({en: {...}, ja: {...}}, every language), added to the table. */
export function addStrings(table) {
  for (const lang of LANGUAGES) Object.assign(STRINGS[lang], table[lang]);
  translate();
}

/** Switch to ``lang``, remember it on this device, repaint everything. */
export function setLanguage(lang) {
  if (!LANGUAGES.includes(lang) || lang === current) return;
  current = lang;
  remember.set(LANGUAGE_KEY, lang);
  translate();
  for (const listener of listeners) listener(lang);
}

export function onLanguage(listener) {
  listeners.add(listener);
}

/** The switch button: shows the other language's name, in that language. */
export function languageSwitch(button) {
  const paint = () => {
    const other = LANGUAGES.find((lang) => lang !== current);
    button.textContent = STRINGS[other].languageName;
    button.lang = other;
    button.setAttribute("aria-label", STRINGS[other].switchLanguage);
    button.dataset.to = other;
  };
  button.addEventListener("click", () => setLanguage(button.dataset.to));
  onLanguage(paint);
  paint();
}

translate();
