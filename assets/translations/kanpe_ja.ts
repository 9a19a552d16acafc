<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>AudienceLinkWindow</name>
    <message>
        <source>Kanpe demo: join the audience</source>
        <translation>Kanpe デモ：視聴者として参加</translation>
    </message>
    <message>
        <source>Join the audience</source>
        <translation>視聴者として参加する</translation>
    </message>
    <message>
        <source>Open this link in a browser, or scan the code with a phone on the same network: react, chat, ask and vote, and watch it reach the speaker&apos;s stage and the host&apos;s console. A few simulated people are already there.</source>
        <translation>このリンクをブラウザで開くか、同じネットワークのスマートフォンでコードを読み取ってください。リアクション、チャット、質問、投票が登壇者のステージと主催者のコンソールに届く様子を確認できます。模擬の視聴者が数人すでに参加しています。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Open in browser</source>
        <translation>ブラウザで開く</translation>
    </message>
    <message>
        <source>QR code of the audience link</source>
        <translation>視聴者用リンクのQRコード</translation>
    </message>
    <message>
        <source>Copied the audience link.</source>
        <translation>視聴者用リンクをコピーしました。</translation>
    </message>
    <message>
        <source>No browser could be opened: copy the link instead.</source>
        <translation>ブラウザを開けませんでした。リンクをコピーしてください。</translation>
    </message>
</context>
<context>
    <name>AudiencePanel</name>
    <message>
        <source>Questions ({n})</source>
        <translation>質問 ({n})</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>チャット</translation>
    </message>
    <message>
        <source>Polls</source>
        <translation>投票</translation>
    </message>
    <message>
        <source>Polls ({n})</source>
        <translation>投票 ({n})</translation>
    </message>
    <message>
        <source>Reports ({n})</source>
        <translation>通報 ({n})</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>通報</translation>
    </message>
</context>
<context>
    <name>CardsPanel</name>
    <message>
        <source>No talks in the rundown yet: add one (Ctrl+N).</source>
        <translation>進行表にトークがありません。追加してください（Ctrl+N）。</translation>
    </message>
</context>
<context>
    <name>ChatComposer</name>
    <message>
        <source>Write in the chat…</source>
        <extracomment>Keys the line passes on to its window: a presentation clicker&apos;s, so slides still move.</extracomment>
        <translation>チャットに書く…</translation>
    </message>
    <message>
        <source>Chat message</source>
        <translation>チャットのメッセージ</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>送信</translation>
    </message>
</context>
<context>
    <name>ChatFeed</name>
    <message>
        <source>Host</source>
        <translation>主催</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>登壇者</translation>
    </message>
</context>
<context>
    <name>ChatModeration</name>
    <message>
        <source>No chat yet.</source>
        <translation>チャットはまだありません。</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>非表示</translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主催</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>登壇者</translation>
    </message>
</context>
<context>
    <name>CheckinPanel</name>
    <message>
        <source>Check all</source>
        <translation>全員をチェック</translation>
    </message>
    <message>
        <source>No talks in the rundown.</source>
        <translation>進行表にトークがありません。</translation>
    </message>
    <message>
        <source>Send every connected speaker&apos;s app a check; it answers by itself.</source>
        <translation>接続中の登壇者のアプリすべてにチェックを送ります。アプリが自動で応答します。</translation>
    </message>
    <message>
        <source>{ready} of {total} ready</source>
        <translation>{total} 人中 {ready} 人が準備完了</translation>
    </message>
    <message>
        <source>not ready: {names}</source>
        <translation>未完了: {names}</translation>
    </message>
    <message>
        <source>✕ Offline</source>
        <translation>✕ オフライン</translation>
    </message>
    <message>
        <source>○ Not checked</source>
        <translation>○ 未チェック</translation>
    </message>
    <message>
        <source>… Waiting</source>
        <translation>… 応答待ち</translation>
    </message>
    <message>
        <source>✓ Ready</source>
        <translation>✓ 準備完了</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>チェック</translation>
    </message>
    <message>
        <source>Check sent; waiting for the speaker&apos;s app.</source>
        <translation>チェックを送信済み。登壇者のアプリの応答を待っています。</translation>
    </message>
    <message>
        <source>Answered.</source>
        <translation>応答あり。</translation>
    </message>
    <message>
        <source>Answered: round trip {ms} ms</source>
        <translation>応答あり: 往復 {ms} ms</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>接続していません。</translation>
    </message>
    <message>
        <source>Connected, not checked yet.</source>
        <translation>接続中、まだチェックしていません。</translation>
    </message>
</context>
<context>
    <name>ConsoleActions</name>
    <message>
        <source>Start {talk}’s timer</source>
        <translation>{talk} のタイマーを開始</translation>
    </message>
    <message>
        <source>Pause {talk}’s timer</source>
        <translation>{talk} のタイマーを一時停止</translation>
    </message>
    <message>
        <source>Reset {talk}’s timer</source>
        <translation>{talk} のタイマーをリセット</translation>
    </message>
    <message>
        <source>{seconds:+d} s</source>
        <translation>{seconds:+d} 秒</translation>
    </message>
    <message>
        <source>{minutes:+d} min</source>
        <translation>{minutes:+d} 分</translation>
    </message>
    <message>
        <source>{amount} for {talk}</source>
        <translation>{talk} に {amount}</translation>
    </message>
    <message>
        <source>Set {talk}’s length to {length}</source>
        <translation>{talk} の持ち時間を {length} に</translation>
    </message>
    <message>
        <source>Length of the talk</source>
        <translation>トークの持ち時間</translation>
    </message>
    <message>
        <source>Length of {talk}’s talk (25, 4:30, 90s):</source>
        <translation>{talk} の持ち時間（25、4:30、90s）：</translation>
    </message>
    <message>
        <source>“{text}” is not a length: type 25, 4:30 or 90s.</source>
        <translation>「{text}」は時間として読めません。25、4:30、90s のように入力してください。</translation>
    </message>
    <message>
        <source>Let {talk} run their own timer</source>
        <translation>{talk} 自身にタイマー操作を任せる</translation>
    </message>
    <message>
        <source>Take back {talk}’s own timer</source>
        <translation>{talk} のタイマー操作を取り戻す</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>予告</translation>
    </message>
    <message>
        <source>final</source>
        <translation>最終</translation>
    </message>
    <message>
        <source>time up</source>
        <translation>時間切れ</translation>
    </message>
    <message>
        <source>Automatic {moment} cue on for {talk}</source>
        <translation>{talk} の自動カンペ（{moment}）をオン</translation>
    </message>
    <message>
        <source>Automatic {moment} cue off for {talk}</source>
        <translation>{talk} の自動カンペ（{moment}）をオフ</translation>
    </message>
    <message>
        <source>Next talk, started</source>
        <translation>次のトーク（開始）</translation>
    </message>
    <message>
        <source>Next talk</source>
        <translation>次のトーク</translation>
    </message>
    <message>
        <source>Put {talk} on stage</source>
        <translation>{talk} を登壇中にする</translation>
    </message>
    <message>
        <source>Cue “{text}” to {talk}</source>
        <translation>{talk} へカンペ「{text}」</translation>
    </message>
    <message>
        <source>Take down {talk}’s cue</source>
        <translation>{talk} のカンペを下げる</translation>
    </message>
    <message>
        <source>Open a rundown</source>
        <translation>進行表を開く</translation>
    </message>
    <message>
        <source>Rundowns (*.toml)</source>
        <translation>進行表 (*.toml)</translation>
    </message>
    <message>
        <source>Import a CSV timetable (title, speaker, minutes)</source>
        <translation>CSV のタイムテーブルを読み込む（title, speaker, minutes）</translation>
    </message>
    <message>
        <source>Timetables (*.csv *.tsv *.txt)</source>
        <translation>タイムテーブル (*.csv *.tsv *.txt)</translation>
    </message>
    <message>
        <source>Open the rundown {file}</source>
        <translation>進行表 {file} を開く</translation>
    </message>
    <message>
        <source>Save the rundown</source>
        <translation>進行表を保存</translation>
    </message>
</context>
<context>
    <name>ConsoleSender</name>
    <message>
        <source>A chat message</source>
        <translation>チャットのメッセージ</translation>
    </message>
    <message>
        <source>Hide a chat message</source>
        <translation>チャットの非表示</translation>
    </message>
    <message>
        <source>Moderate a question</source>
        <translation>質問の管理</translation>
    </message>
    <message>
        <source>Keep a reported message</source>
        <translation>通報された投稿を残す</translation>
    </message>
    <message>
        <source>Open a poll</source>
        <translation>投票の開始</translation>
    </message>
    <message>
        <source>Close a poll</source>
        <translation>投票の締め切り</translation>
    </message>
    <message>
        <source>Create an invite link</source>
        <translation>招待リンクの作成</translation>
    </message>
    <message>
        <source>Replace a speaker link</source>
        <translation>登壇者リンクの再発行</translation>
    </message>
    <message>
        <source>Connection check</source>
        <translation>接続チェック</translation>
    </message>
</context>
<context>
    <name>CountdownFace</name>
    <message>
        <source>Paused</source>
        <extracomment>Widest text the digits are sized for, so the font does not jump as digits change.</extracomment>
        <translation>一時停止中</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>開始前</translation>
    </message>
</context>
<context>
    <name>Cue</name>
    <message>
        <source>Time check</source>
        <translation>時間確認</translation>
    </message>
    <message>
        <source>Wrap up</source>
        <translation>まとめ</translation>
    </message>
    <message>
        <source>From the host</source>
        <translation>司会から</translation>
    </message>
    <message>
        <source>Look here</source>
        <translation>こちらを見て</translation>
    </message>
    <message>
        <source>Connection check</source>
        <translation>接続チェック</translation>
    </message>
    <message>
        <source>Check your time</source>
        <translation>時間を確認してください</translation>
    </message>
    <message>
        <source>Please wrap up</source>
        <translation>まとめに入ってください</translation>
    </message>
    <message>
        <source>The host needs your attention</source>
        <translation>司会が呼んでいます</translation>
    </message>
    <message>
        <source>The host checked your connection: all good</source>
        <translation>ホストが接続を確認しました。問題ありません</translation>
    </message>
    <message>
        <source>Time is up</source>
        <translation>時間です</translation>
    </message>
    <message>
        <source>{minutes} min left</source>
        <translation>残り {minutes} 分</translation>
    </message>
    <message>
        <source>{seconds} s left</source>
        <translation>残り {seconds} 秒</translation>
    </message>
    <message>
        <source>{minutes}:{seconds} left</source>
        <translation>残り {minutes}:{seconds}</translation>
    </message>
</context>
<context>
    <name>CueCard</name>
    <message>
        <source>Got it  (G)</source>
        <translation>了解  (G)</translation>
    </message>
    <message>
        <source>Cue cards</source>
        <translation>カンペ</translation>
    </message>
    <message>
        <source>No cue from the host.</source>
        <translation>司会からのカンペはありません。</translation>
    </message>
    <message>
        <source>✓ Acknowledged</source>
        <translation>✓ 了解済み</translation>
    </message>
</context>
<context>
    <name>CuePanel</name>
    <message>
        <source>To</source>
        <translation>宛先</translation>
    </message>
    <message>
        <source>Talk the cue goes to</source>
        <translation>カンペを送るトーク</translation>
    </message>
    <message>
        <source>Your own words…  (/)</source>
        <translation>自由入力…  (/)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>送る</translation>
    </message>
    <message>
        <source>Flash it</source>
        <translation>点滅させる</translation>
    </message>
    <message>
        <source>Take the cue down</source>
        <translation>カンペを下げる</translation>
    </message>
    <message>
        <source>Edit presets…</source>
        <translation>定型文を編集…</translation>
    </message>
    <message>
        <source>Send this cue card</source>
        <translation>このカンペを送る</translation>
    </message>
</context>
<context>
    <name>CuePresets</name>
    <message>
        <source>5 minutes left</source>
        <translation>残り5分</translation>
    </message>
    <message>
        <source>1 minute left</source>
        <translation>残り1分</translation>
    </message>
    <message>
        <source>Please wrap up</source>
        <translation>まとめに入ってください</translation>
    </message>
    <message>
        <source>Time is up</source>
        <translation>時間です</translation>
    </message>
    <message>
        <source>Slow down a little</source>
        <translation>少しゆっくり</translation>
    </message>
    <message>
        <source>Speak up</source>
        <translation>もう少し大きな声で</translation>
    </message>
    <message>
        <source>Questions now</source>
        <translation>質問タイムです</translation>
    </message>
</context>
<context>
    <name>Deck</name>
    <message>
        <source>Open another deck with Ctrl+O.</source>
        <translation>Ctrl+O で別のスライドを開けます。</translation>
    </message>
</context>
<context>
    <name>DeckError</name>
    <message>
        <source>“{name}” is a folder, not a PDF file. Choose the PDF of your slides.</source>
        <extracomment>Decks are a few MB, rarely 50; a file this large is a mistake (a video exported as PDF). Page sizes read when a deck opens; the rest are read when first needed.</extracomment>
        <translation>「{name}」はフォルダーで、PDF ファイルではありません。スライドの PDF を選んでください。</translation>
    </message>
    <message>
        <source>“{name}” is not a regular file. Choose the PDF of your slides.</source>
        <translation>「{name}」は通常のファイルではありません。スライドの PDF を選んでください。</translation>
    </message>
    <message>
        <source>“{name}” is {size} MB, too large for a slide deck (the limit is {limit} MB). Export it again with compressed images, or split it.</source>
        <translation>「{name}」は {size} MB あり、スライドとしては大きすぎます（上限は {limit} MB）。画像を圧縮して書き出し直すか、分割してください。</translation>
    </message>
    <message>
        <source>“{name}” is not a PDF file. Export your slides as PDF (in PowerPoint, Keynote or Google Slides: File &gt; Export or Download &gt; PDF) and open that file.</source>
        <translation>「{name}」は PDF ファイルではありません。スライドを PDF で書き出して（PowerPoint、Keynote、Google スライドでは「ファイル」&gt;「書き出す」または「ダウンロード」&gt;「PDF」）、そのファイルを開いてください。</translation>
    </message>
    <message>
        <source>“{name}” has no pages. Export your slides again and open the new file.</source>
        <translation>「{name}」にはページがありません。スライドを書き出し直して、新しいファイルを開いてください。</translation>
    </message>
    <message>
        <source>“{name}” is protected by a password. Save a copy without a password and open that.</source>
        <translation>「{name}」はパスワードで保護されています。パスワードなしのコピーを保存して、それを開いてください。</translation>
    </message>
    <message>
        <source>“{name}” is encrypted in a way Kanpe cannot read. Save a copy without protection and open that.</source>
        <translation>「{name}」は Kanpe が読めない方式で暗号化されています。保護なしのコピーを保存して、それを開いてください。</translation>
    </message>
    <message>
        <source>“{name}” is damaged or incomplete and cannot be read. If it was downloaded or copied, try again; otherwise export it again from your slide software.</source>
        <translation>「{name}」は壊れているか途中までしかないため読めません。ダウンロードやコピーしたものならやり直し、そうでなければスライドのソフトから書き出し直してください。</translation>
    </message>
    <message>
        <source>There is no file at {path}. It may have been moved, renamed or deleted.</source>
        <translation>{path} にファイルがありません。移動したか、名前を変えたか、削除した可能性があります。</translation>
    </message>
    <message>
        <source>Kanpe cannot read “{name}”: {reason}.</source>
        <translation>Kanpe は「{name}」を読めません: {reason}。</translation>
    </message>
</context>
<context>
    <name>Desktop</name>
    <message>
        <source>Kanpe cannot open this link</source>
        <translation>このリンクは Kanpe で開けません</translation>
    </message>
    <message>
        <source>Kanpe cannot host the event</source>
        <translation>Kanpe でイベントを開けません</translation>
    </message>
</context>
<context>
    <name>Elapsed</name>
    <message>
        <source>{seconds} s</source>
        <extracomment>A speaker&apos;s wall clock this far from relay time is flagged: their &quot;ends at&quot; and clock are wrong.</extracomment>
        <translation>{seconds} 秒</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} 分</translation>
    </message>
    <message>
        <source>{hours} h {minutes:02d} min</source>
        <translation>{hours} 時間 {minutes:02d} 分</translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message>
        <source>Export the event</source>
        <translation>イベントの書き出し</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>the console has not received the event from the relay yet</source>
        <translation>コンソールがまだリレーからイベントを受け取っていません</translation>
    </message>
</context>
<context>
    <name>FeedPane</name>
    <message>
        <source>Audience</source>
        <translation>視聴者</translation>
    </message>
    <message>
        <source>Chat and reactions from the audience appear here.</source>
        <translation>視聴者からのチャットとリアクションがここに表示されます。</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>キーボードショートカット</translation>
    </message>
    <message>
        <source>Any key closes this</source>
        <translation>どのキーでも閉じます</translation>
    </message>
</context>
<context>
    <name>HostActions</name>
    <message>
        <source>The talk on stage</source>
        <extracomment>The host console&apos;s keymap (built once: it checks that no key is bound twice).</extracomment>
        <translation>登壇中のトーク</translation>
    </message>
    <message>
        <source>Start / pause the talk on stage</source>
        <translation>登壇中のトークを開始 / 一時停止</translation>
    </message>
    <message>
        <source>+1 minute for the talk on stage</source>
        <translation>登壇中のトークに +1分</translation>
    </message>
    <message>
        <source>−1 minute for the talk on stage</source>
        <translation>登壇中のトークに −1分</translation>
    </message>
    <message>
        <source>Next talk</source>
        <translation>次のトーク</translation>
    </message>
    <message>
        <source>Cue cards</source>
        <translation>カンペ</translation>
    </message>
    <message>
        <source>Cue “Please wrap up” to the talk on stage</source>
        <translation>登壇中のトークに「まとめに入ってください」</translation>
    </message>
    <message>
        <source>Take the cue down</source>
        <translation>カンペを下げる</translation>
    </message>
    <message>
        <source>Type a cue</source>
        <translation>カンペを入力</translation>
    </message>
    <message>
        <source>Check all speakers</source>
        <translation>全登壇者を接続チェック</translation>
    </message>
    <message>
        <source>Rundown</source>
        <translation>進行表</translation>
    </message>
    <message>
        <source>Add a talk</source>
        <translation>トークを追加</translation>
    </message>
    <message>
        <source>Remove the selected talk</source>
        <translation>選択中のトークを削除</translation>
    </message>
    <message>
        <source>Move the selected talk up</source>
        <translation>選択中のトークを上へ</translation>
    </message>
    <message>
        <source>Move the selected talk down</source>
        <translation>選択中のトークを下へ</translation>
    </message>
    <message>
        <source>Open a rundown…</source>
        <translation>進行表を開く…</translation>
    </message>
    <message>
        <source>Save the rundown…</source>
        <translation>進行表を保存…</translation>
    </message>
    <message>
        <source>Import a CSV timetable…</source>
        <translation>CSV のタイムテーブルを読み込む…</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>ウィンドウ</translation>
    </message>
    <message>
        <source>Export the event as Markdown…</source>
        <translation>イベントを Markdown で書き出す…</translation>
    </message>
    <message>
        <source>Join another relay with a host link…</source>
        <translation>ホストリンクで別のリレーに参加…</translation>
    </message>
    <message>
        <source>Show these shortcuts</source>
        <translation>このショートカット一覧を表示</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Talk</source>
        <translation>トーク(&amp;T)</translation>
    </message>
    <message>
        <source>+1 minute</source>
        <translation>+1分</translation>
    </message>
    <message>
        <source>−1 minute</source>
        <translation>−1分</translation>
    </message>
    <message>
        <source>&amp;Cues</source>
        <translation>カンペ(&amp;C)</translation>
    </message>
    <message>
        <source>Please wrap up</source>
        <translation>まとめに入ってください</translation>
    </message>
    <message>
        <source>&amp;Rundown</source>
        <translation>進行表(&amp;R)</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上へ</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下へ</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>キーボードショートカット</translation>
    </message>
</context>
<context>
    <name>HostChatBox</name>
    <message>
        <source>Write in the chat as host…</source>
        <translation>主催としてチャットに書く…</translation>
    </message>
    <message>
        <source>Everyone sees it marked “Host”: on the speaker&apos;s stage and on every phone.</source>
        <translation>登壇者のステージにも全員のスマートフォンにも「主催」の印付きで表示されます。</translation>
    </message>
</context>
<context>
    <name>HostConsole</name>
    <message>
        <source>Connecting to the relay…</source>
        <translation>リレーに接続中…</translation>
    </message>
    <message>
        <source>Untitled event</source>
        <translation>無題のイベント</translation>
    </message>
    <message>
        <source>No talk on stage</source>
        <translation>登壇中のトークはありません</translation>
    </message>
    <message>
        <source>On stage: {talk}</source>
        <translation>登壇中：{talk}</translation>
    </message>
    <message>
        <source>● Relay online</source>
        <translation>● リレー接続中</translation>
    </message>
    <message>
        <source>◌ Connecting…</source>
        <translation>◌ 接続中…</translation>
    </message>
    <message>
        <source>✕ Refused by the relay</source>
        <translation>✕ リレーに拒否されました</translation>
    </message>
    <message>
        <source>✕ Relay unreachable</source>
        <translation>✕ リレーに届きません</translation>
    </message>
    <message>
        <source>The relay is back. The console shows the room as it is now.</source>
        <translation>リレーに再接続しました。現在のルームの状態を表示しています。</translation>
    </message>
    <message>
        <source>The relay refused this console&apos;s link: {reason}</source>
        <translation>リレーがこのコンソールのリンクを拒否しました：{reason}</translation>
    </message>
    <message>
        <source>The relay cannot be reached (for {age}). Trying again…</source>
        <translation>リレーに届きません（{age}）。再接続を試みています…</translation>
    </message>
    <message>
        <source>Nothing is shown until the relay answers.</source>
        <translation>リレーが応答するまで何も表示できません。</translation>
    </message>
    <message>
        <source>What you see is the room as it was {age} ago; timers keep counting from then. Nothing you do now is sent: it is listed here.</source>
        <translation>表示は {age} 前のルームの状態です。タイマーはそこから数え続けています。今の操作は送信されず、ここに一覧されます。</translation>
    </message>
</context>
<context>
    <name>HostPanels</name>
    <message>
        <source>Audience</source>
        <translation>視聴者</translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation>接続チェック</translation>
    </message>
    <message>
        <source>Invites</source>
        <translation>招待</translation>
    </message>
</context>
<context>
    <name>HostWindow</name>
    <message>
        <source>Kanpe host console</source>
        <translation>Kanpe ホストコンソール</translation>
    </message>
    <message>
        <source>Cue cards</source>
        <translation>カンペ</translation>
    </message>
    <message>
        <source>Forget this list</source>
        <translation>この一覧を消す</translation>
    </message>
    <message>
        <source>…and {count} more</source>
        <translation>…ほか {count} 件</translation>
    </message>
    <message>
        <source>Not sent (do them again once the relay is back):</source>
        <translation>未送信（リレーが戻ったらやり直してください）：</translation>
    </message>
</context>
<context>
    <name>InfoPanel</name>
    <message>
        <source>Elapsed</source>
        <translation>経過</translation>
    </message>
    <message>
        <source>Ends at</source>
        <translation>終了予定</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>現在時刻</translation>
    </message>
</context>
<context>
    <name>InvitesPanel</name>
    <message>
        <source>No invites.</source>
        <translation>招待リンクはありません。</translation>
    </message>
    <message>
        <source>Audience (public: show it on the stream)</source>
        <translation>視聴者 (公開用: 配信で見せてかまいません)</translation>
    </message>
    <message>
        <source>Viewer (read-only display)</source>
        <translation>ビューアー (表示専用)</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>QR code</source>
        <translation>QR コード</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>登壇者</translation>
    </message>
    <message>
        <source>No link yet</source>
        <translation>リンクはまだありません</translation>
    </message>
    <message>
        <source>Create link</source>
        <translation>リンクを作成</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>再発行</translation>
    </message>
    <message>
        <source>A new link for this talk; the old one stops working.</source>
        <translation>このトークの新しいリンクを作ります。古いリンクは使えなくなります。</translation>
    </message>
    <message>
        <source>Copied: {what}</source>
        <translation>コピーしました: {what}</translation>
    </message>
    <message>
        <source>Replace {what}? The old link stops working now, and an app joined with it is disconnected until it has the new one.</source>
        <translation>{what}を再発行しますか? 古いリンクはすぐに使えなくなり、そのリンクで接続中のアプリは新しいリンクを受け取るまで切断されます。</translation>
    </message>
    <message>
        <source>{what} created: copy it and send it.</source>
        <translation>{what}を作成しました。コピーして送ってください。</translation>
    </message>
    <message>
        <source>{what} replaced: the old one no longer works. Copy the new one and send it.</source>
        <translation>{what}を新しくしました。古いリンクはもう使えません。新しいリンクをコピーして送ってください。</translation>
    </message>
    <message>
        <source>Audience link</source>
        <translation>視聴者リンク</translation>
    </message>
    <message>
        <source>Viewer link</source>
        <translation>ビューアーリンク</translation>
    </message>
    <message>
        <source>{speaker}&apos;s speaker link</source>
        <translation>{speaker} さんの登壇者リンク</translation>
    </message>
</context>
<context>
    <name>JoinDialog</name>
    <message>
        <source>Join a relay</source>
        <extracomment>How long a relay has to answer a trial before the host is told it does not.</extracomment>
        <translation>リレーに参加</translation>
    </message>
    <message>
        <source>Paste the host link of a room on another relay. The console switches to it only once that relay has answered; until then nothing changes.</source>
        <translation>別のリレーのルームのホストリンクを貼り付けてください。そのリレーが応答してから切り替えます。それまでは何も変わりません。</translation>
    </message>
    <message>
        <source>(optional) the relay&apos;s address, if it differs</source>
        <translation>（任意）リレーのアドレスが異なる場合</translation>
    </message>
    <message>
        <source>Host link</source>
        <translation>ホストリンク</translation>
    </message>
    <message>
        <source>Relay</source>
        <translation>リレー</translation>
    </message>
    <message>
        <source>Stop this event and join</source>
        <translation>このイベントを止めて参加</translation>
    </message>
    <message>
        <source>speakers: {names}</source>
        <translation>登壇者: {names}</translation>
    </message>
    <message>
        <source>{n} in the audience</source>
        <translation>視聴者 {n} 人</translation>
    </message>
    <message>
        <source>{n} other host consoles</source>
        <translation>ほかのホストコンソール {n} 台</translation>
    </message>
    <message>
        <source>This console runs the event on this computer. Joining another room stops it: its relay closes, and its links work again only when it is opened again.</source>
        <translation>このコンソールは、このコンピューターでイベントを運営しています。別のルームに参加するとこのイベントは止まります。リレーが閉じ、イベントをもう一度開くまでリンクは使えません。</translation>
    </message>
    <message>
        <source>This console runs the event on this computer, and people are connected to it ({who}). Joining another room stops it: its relay closes and they are disconnected.</source>
        <translation>このコンソールは、このコンピューターでイベントを運営しており、接続中の人がいます（{who}）。別のルームに参加するとこのイベントは止まり、リレーが閉じて接続が切れます。</translation>
    </message>
    <message>
        <source>Trying the relay…</source>
        <translation>リレーを試しています…</translation>
    </message>
    <message>
        <source>That is a {kind} link, not a host link: nothing changed. Paste the host link the relay printed when the room was made.</source>
        <translation>これは {kind} のリンクで、ホストのリンクではありません。何も変更していません。ルーム作成時にリレーが表示したホストリンクを貼り付けてください。</translation>
    </message>
    <message>
        <source>That link cannot be used ({problem}): nothing changed.</source>
        <translation>そのリンクは使えません（{problem}）。何も変更していません。</translation>
    </message>
</context>
<context>
    <name>LatenessStrip</name>
    <message>
        <source>No talks in the rundown</source>
        <translation>進行表にトークがありません</translation>
    </message>
    <message>
        <source>Not started · the last talk ends at {time} if it starts now</source>
        <translation>未開始 · 今始めれば最後のトークは {time} に終わります</translation>
    </message>
    <message>
        <source>On time · the last talk ends at {time}</source>
        <translation>予定どおり · 最後のトークは {time} に終わります</translation>
    </message>
    <message>
        <source>Running {minutes} min ahead · the last talk ends at {time}</source>
        <translation>{minutes} 分早く進行中 · 最後のトークは {time} に終わります</translation>
    </message>
    <message>
        <source>Running {minutes} min behind · the last talk ends at {time}</source>
        <translation>{minutes} 分遅れ · 最後のトークは {time} に終わります</translation>
    </message>
</context>
<context>
    <name>LinkError</name>
    <message>
        <source>a relay&apos;s address starts with http:// or https://</source>
        <translation>リレーのアドレスは http:// か https:// で始まります</translation>
    </message>
    <message>
        <source>an invite link starts with http:// or https:// and names the relay</source>
        <translation>招待リンクは http:// か https:// で始まり、リレーのアドレスを含みます</translation>
    </message>
    <message>
        <source>an invite link has no query string; the token goes after &apos;#&apos;</source>
        <translation>招待リンクにクエリ文字列は付きません。トークンは「#」の後ろに来ます</translation>
    </message>
    <message>
        <source>an invite link looks like https://relay/speak/ROOM#TOKEN</source>
        <translation>招待リンクは https://relay/speak/ROOM#TOKEN の形です</translation>
    </message>
    <message>
        <source>the room id in this link is malformed</source>
        <translation>このリンクのルーム ID が正しくありません</translation>
    </message>
    <message>
        <source>this link has no valid token after &apos;#&apos;; copy the whole link</source>
        <translation>このリンクの「#」の後ろに有効なトークンがありません。リンク全体をコピーしてください</translation>
    </message>
    <message>
        <source>not a Kanpe link: it should start with kanpe:</source>
        <translation>Kanpe のリンクではありません。kanpe: で始まるはずです</translation>
    </message>
    <message>
        <source>this Kanpe link is too long to be an invite</source>
        <translation>この Kanpe リンクは招待リンクにしては長すぎます</translation>
    </message>
    <message>
        <source>this Kanpe link has spaces or control characters in it</source>
        <translation>この Kanpe リンクに空白か制御文字が含まれています</translation>
    </message>
    <message>
        <source>this is an audience link, not a speaker&apos;s: Kanpe joins a talk with the speaker link from the host</source>
        <translation>これは聴衆用のリンクで、登壇者用ではありません。Kanpe はホストから届いた登壇者リンクでトークに参加します</translation>
    </message>
    <message>
        <source>this is a host link, not a speaker&apos;s: Kanpe joins a talk with the speaker link from the host</source>
        <translation>これはホスト用のリンクで、登壇者用ではありません。Kanpe はホストから届いた登壇者リンクでトークに参加します</translation>
    </message>
    <message>
        <source>this is a view link, not a speaker&apos;s: Kanpe joins a talk with the speaker link from the host</source>
        <translation>これは大画面表示用のリンクで、登壇者用ではありません。Kanpe はホストから届いた登壇者リンクでトークに参加します</translation>
    </message>
</context>
<context>
    <name>LinkWindow</name>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>QR code</source>
        <translation>QR コード</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>クリップボードにコピーしました。</translation>
    </message>
    <message>
        <source>Scan: {name}</source>
        <translation>読み取り: {name}</translation>
    </message>
</context>
<context>
    <name>NoticeView</name>
    <message>
        <source>Dismiss</source>
        <translation>閉じる</translation>
    </message>
</context>
<context>
    <name>NoticeWords</name>
    <message>
        <source>The relay could not read a message from this app.</source>
        <extracomment>Close codes and HTTP statuses that refuse a link, by the error code whose words say it.</extracomment>
        <translation>リレーがこのアプリからのメッセージを読めませんでした。</translation>
    </message>
    <message>
        <source>The relay refused a message with broken text encoding.</source>
        <translation>文字コードの壊れたメッセージをリレーが拒否しました。</translation>
    </message>
    <message>
        <source>The relay refused a message sent in binary form.</source>
        <translation>バイナリ形式で送られたメッセージをリレーが拒否しました。</translation>
    </message>
    <message>
        <source>That was too long for the relay.</source>
        <translation>リレーには長すぎました。</translation>
    </message>
    <message>
        <source>The relay refused a message nested too deeply.</source>
        <translation>入れ子が深すぎるメッセージをリレーが拒否しました。</translation>
    </message>
    <message>
        <source>The relay refused a message with a repeated field.</source>
        <translation>同じ項目が重複したメッセージをリレーが拒否しました。</translation>
    </message>
    <message>
        <source>The relay refused a message with a number it cannot use.</source>
        <translation>使えない数値を含むメッセージをリレーが拒否しました。</translation>
    </message>
    <message>
        <source>The relay does not know that kind of request.</source>
        <translation>リレーはその種類の要求に対応していません。</translation>
    </message>
    <message>
        <source>The relay could not use that request: a field is missing or wrong.</source>
        <translation>リレーはその要求を使えませんでした: 項目が欠けているか誤っています。</translation>
    </message>
    <message>
        <source>The relay speaks another version of the protocol: update Kanpe.</source>
        <translation>リレーのプロトコルのバージョンが違います。Kanpe を更新してください。</translation>
    </message>
    <message>
        <source>The relay expected this app to introduce itself first.</source>
        <translation>リレーは最初にこのアプリの名乗りを待っていました。</translation>
    </message>
    <message>
        <source>The relay does not know this invite link, or the room is gone.</source>
        <translation>リレーはこの招待リンクを知りません。またはルームがなくなりました。</translation>
    </message>
    <message>
        <source>Your invite does not allow that.</source>
        <translation>あなたの招待ではその操作はできません。</translation>
    </message>
    <message>
        <source>The relay could not do that now.</source>
        <translation>リレーは今それを行えませんでした。</translation>
    </message>
    <message>
        <source>That is no longer on the relay.</source>
        <translation>それはもうリレーにありません。</translation>
    </message>
    <message>
        <source>That name passes for the host&apos;s or a speaker&apos;s: choose another one.</source>
        <translation>その名前は司会や登壇者の名前と紛らわしいため使えません。別の名前にしてください。</translation>
    </message>
    <message>
        <source>The relay refused a request that reused an earlier one&apos;s id.</source>
        <translation>以前の要求と同じ ID の要求をリレーが拒否しました。</translation>
    </message>
    <message>
        <source>Too many requests at once: it is sent again in a moment.</source>
        <translation>要求が多すぎます。少ししてからもう一度送ります。</translation>
    </message>
    <message>
        <source>The relay could not save that, so nothing changed. Try again.</source>
        <translation>リレーが保存できなかったため、何も変わっていません。もう一度お試しください。</translation>
    </message>
    <message>
        <source>The host runs your timer.</source>
        <translation>タイマーは司会が操作します。</translation>
    </message>
    <message>
        <source>Settings not saved: {problem}. The file was kept as it is.</source>
        <translation>設定を保存していません: {problem}。ファイルはそのまま残してあります。</translation>
    </message>
    <message>
        <source>Could not save settings: {error}</source>
        <translation>設定を保存できませんでした: {error}</translation>
    </message>
    <message>
        <source>Offline: what you do now is sent when the link is back.</source>
        <translation>オフライン: いまの操作は接続が戻ったときに送ります。</translation>
    </message>
    <message>
        <source>The relay has not answered yet; still trying.</source>
        <translation>リレーからまだ応答がありません。引き続き試しています。</translation>
    </message>
    <message>
        <source>No talk is on stage: choose one in the rundown and press “Put on stage”.</source>
        <translation>登壇中のトークがありません。進行表で選んで「登壇中にする」を押してください。</translation>
    </message>
    <message>
        <source>Not sent, the relay cannot be reached: {what}</source>
        <translation>リレーに届かないため送信していません：{what}</translation>
    </message>
    <message>
        <source>The rundown was not changed: {problem}</source>
        <translation>進行表は変更していません：{problem}</translation>
    </message>
    <message>
        <source>The rundown was not saved: {problem}</source>
        <translation>進行表を保存できませんでした：{problem}</translation>
    </message>
    <message>
        <source>Rundown saved to {path}</source>
        <translation>進行表を {path} に保存しました</translation>
    </message>
    <message>
        <source>Nothing changed: {problem}</source>
        <translation>何も変更していません：{problem}</translation>
    </message>
    <message>
        <source>The new link works, but could not be kept for the next start: {problem}. Copy it now.</source>
        <translation>新しいリンクは使えますが、次回の起動のために保存できませんでした: {problem}。今コピーしておいてください。</translation>
    </message>
    <message>
        <source>The event was exported to {path}</source>
        <translation>イベントを {path} に書き出しました</translation>
    </message>
    <message>
        <source>Nothing was exported: {problem}</source>
        <translation>書き出していません: {problem}</translation>
    </message>
    <message>
        <source>That is a {kind} link, not a host link: nothing changed. Paste the host link the relay printed when the room was made.</source>
        <translation>これは {kind} のリンクで、ホストのリンクではありません。何も変更していません。ルーム作成時にリレーが表示したホストリンクを貼り付けてください。</translation>
    </message>
    <message>
        <source>That link cannot be used ({problem}): nothing changed.</source>
        <translation>そのリンクは使えません（{problem}）。何も変更していません。</translation>
    </message>
    <message>
        <source>The relay at {relay} does not answer: nothing changed. Check the address and that the relay runs.</source>
        <translation>{relay} のリレーが応答しません。何も変更していません。アドレスとリレーが動いているかを確認してください。</translation>
    </message>
    <message>
        <source>The event on this computer has stopped: its relay closed when you joined this room. It is kept: kanpe host opens it again, with the same links.</source>
        <translation>このコンピューターのイベントは止まりました。このルームに参加したときにリレーを閉じました。イベントは保存されています。kanpe host で同じリンクのまま再び開けます。</translation>
    </message>
    <message>
        <source>The event on this computer has stopped: its relay closed when you joined this room.</source>
        <translation>このコンピューターのイベントは止まりました。このルームに参加したときにリレーを閉じました。</translation>
    </message>
    <message>
        <source>Rehearsal kept ({length}): the talk is compared with it.</source>
        <translation>リハーサルを保存しました ({length})。本番はこれと比べます。</translation>
    </message>
    <message>
        <source>Nothing to keep: the timer did not run. Press S to start it as you rehearse.</source>
        <translation>保存するものがありません: タイマーが動いていませんでした。リハーサル中は S でタイマーを開始してください。</translation>
    </message>
    <message>
        <source>The rehearsal was not kept: {problem}</source>
        <translation>リハーサルを保存できませんでした: {problem}</translation>
    </message>
    <message>
        <source>This deck&apos;s rehearsals cannot be read ({problem}); the file was kept as it is.</source>
        <translation>このデッキのリハーサル記録を読めません ({problem})。ファイルはそのまま残しました。</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>理由は示されていません</translation>
    </message>
    <message>
        <source>Something went wrong ({code}).</source>
        <translation>問題が起きました ({code})。</translation>
    </message>
</context>
<context>
    <name>OverlayWindow</name>
    <message>
        <source>Kanpe overlay</source>
        <translation>Kanpe オーバーレイ</translation>
    </message>
    <message>
        <source>❓ {n} new</source>
        <translation>❓ 新着 {n}</translation>
    </message>
</context>
<context>
    <name>PaceHint</name>
    <message>
        <source>Slow down a little</source>
        <translation>少しゆっくり</translation>
    </message>
    <message>
        <source>You have been speaking faster than your usual pace for a while</source>
        <translation>しばらくいつもより速く話しています</translation>
    </message>
</context>
<context>
    <name>PacePanel</name>
    <message>
        <source>rehearsed</source>
        <translation>リハーサル</translation>
    </message>
    <message>
        <source>Grey: {rehearsal} · blue: this run (orange: longer)</source>
        <translation>灰: {rehearsal} · 青: 今回 (橙: 長すぎ)</translation>
    </message>
</context>
<context>
    <name>PaceStatus</name>
    <message>
        <source>Pace meter: no microphone found, so it is off</source>
        <translation>話速メーター: マイクが見つからないためオフです</translation>
    </message>
    <message>
        <source>Pace meter: listening (nothing is recorded)</source>
        <translation>話速メーター: 聞いています（録音はしません）</translation>
    </message>
    <message>
        <source>Pace: {rate} syllables/s</source>
        <translation>話速: 毎秒 {rate} 音節</translation>
    </message>
</context>
<context>
    <name>Phase</name>
    <message>
        <source>On time</source>
        <translation>順調</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>残りわずか</translation>
    </message>
    <message>
        <source>Final minutes</source>
        <translation>まもなく終了</translation>
    </message>
    <message>
        <source>Overtime</source>
        <translation>時間超過</translation>
    </message>
</context>
<context>
    <name>PinnedQuestion</name>
    <message>
        <source>📌 Pinned question</source>
        <translation>📌 ピン留めの質問</translation>
    </message>
    <message>
        <source>▲ {votes}</source>
        <translation>▲ {votes}</translation>
    </message>
</context>
<context>
    <name>PollChart</name>
    <message>
        <source>Poll open</source>
        <translation>投票受付中</translation>
    </message>
    <message>
        <source>Poll closed</source>
        <translation>投票終了</translation>
    </message>
    <message>
        <source>Answers: {n}</source>
        <translation>回答 {n} 件</translation>
    </message>
    <message>
        <source>{count} · {share}%</source>
        <translation>{count} · {share}%</translation>
    </message>
</context>
<context>
    <name>PollEditor</name>
    <message>
        <source>Ask the room a question… (↓ presets)</source>
        <translation>会場への質問を入力…（↓ で定番の質問）</translation>
    </message>
    <message>
        <source>Yes / No</source>
        <translation>はい / いいえ</translation>
    </message>
    <message>
        <source>Choices</source>
        <translation>選択肢</translation>
    </message>
    <message>
        <source>Open poll</source>
        <translation>投票を開始</translation>
    </message>
    <message>
        <source>Choice {n}</source>
        <translation>選択肢 {n}</translation>
    </message>
    <message>
        <source>Presets…</source>
        <translation>定番の質問…</translation>
    </message>
    <message>
        <source>Poll question</source>
        <translation>投票の質問</translation>
    </message>
</context>
<context>
    <name>PollPanel</name>
    <message>
        <source>No polls yet.</source>
        <translation>投票はまだありません。</translation>
    </message>
    <message>
        <source>Poll</source>
        <translation>投票</translation>
    </message>
    <message>
        <source>Show on stage</source>
        <translation>ステージに表示</translation>
    </message>
    <message>
        <source>Close poll</source>
        <translation>投票を締め切る</translation>
    </message>
    <message>
        <source>Back to the poll</source>
        <translation>投票に戻る</translation>
    </message>
    <message>
        <source>New poll</source>
        <translation>新しい投票</translation>
    </message>
    <message>
        <source>On stage</source>
        <translation>ステージに表示中</translation>
    </message>
</context>
<context>
    <name>PollPresets</name>
    <message>
        <source>Who has used X?</source>
        <translation>X を使ったことがある人？</translation>
    </message>
    <message>
        <source>Is this your first time at this meetup?</source>
        <translation>このミートアップは初めてですか？</translation>
    </message>
    <message>
        <source>Can you read the text on the slides?</source>
        <translation>スライドの文字は読めますか？</translation>
    </message>
    <message>
        <source>How long have you used X?</source>
        <translation>X の利用歴は？</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>使ったことがない</translation>
    </message>
    <message>
        <source>Less than a year</source>
        <translation>1年未満</translation>
    </message>
    <message>
        <source>1 to 3 years</source>
        <translation>1〜3年</translation>
    </message>
    <message>
        <source>More than 3 years</source>
        <translation>3年以上</translation>
    </message>
    <message>
        <source>Where do you use X?</source>
        <translation>X をどこで使っていますか？</translation>
    </message>
    <message>
        <source>At work</source>
        <translation>仕事で</translation>
    </message>
    <message>
        <source>In a side project</source>
        <translation>個人開発で</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>まだ使っていない</translation>
    </message>
    <message>
        <source>What do you do?</source>
        <translation>お仕事は？</translation>
    </message>
    <message>
        <source>Developer</source>
        <translation>開発者</translation>
    </message>
    <message>
        <source>Researcher</source>
        <translation>研究者</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>学生</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>マネージャー</translation>
    </message>
    <message>
        <source>Something else</source>
        <translation>その他</translation>
    </message>
    <message>
        <source>How is the pace of this talk?</source>
        <translation>話すペースはどうですか？</translation>
    </message>
    <message>
        <source>Too fast</source>
        <translation>速すぎる</translation>
    </message>
    <message>
        <source>Just right</source>
        <translation>ちょうどいい</translation>
    </message>
    <message>
        <source>Too slow</source>
        <translation>遅すぎる</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>No</source>
        <translation>いいえ</translation>
    </message>
</context>
<context>
    <name>PollResults</name>
    <message>
        <source>Show on stage</source>
        <translation>ステージに表示</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>受付中</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>締切</translation>
    </message>
    <message>
        <source>{n} answers</source>
        <translation>回答 {n} 件</translation>
    </message>
    <message>
        <source>On stage</source>
        <translation>ステージに表示中</translation>
    </message>
    <message>
        <source>{count} ({share}%)</source>
        <translation>{count} ({share}%)</translation>
    </message>
    <message>
        <source>Close poll</source>
        <translation>投票を締め切る</translation>
    </message>
</context>
<context>
    <name>Practice</name>
    <message>
        <source>Practice room</source>
        <translation>練習ルーム</translation>
    </message>
    <message>
        <source>Open the audience link in a browser, or scan it with a phone: reactions, chat and questions then reach your stage while you practise.</source>
        <translation>聴衆リンクをブラウザーで開くか、スマートフォンで読み取ってください。練習中、リアクション・チャット・質問がステージに届きます。</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>聴衆</translation>
    </message>
</context>
<context>
    <name>PresenterConsole</name>
    <message>
        <source>Kanpe — Presenter console</source>
        <translation>Kanpe — 発表者コンソール</translation>
    </message>
    <message>
        <source>Open deck…</source>
        <translation>スライドを開く…</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>次のスライド</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>チャット</translation>
    </message>
    <message>
        <source>Press ? for shortcuts</source>
        <translation>? でショートカット一覧</translation>
    </message>
</context>
<context>
    <name>PresenterWindows</name>
    <message>
        <source>Write to the audience ({key}), Esc to leave</source>
        <translation>聴衆へのチャット（{key}）、Esc で戻る</translation>
    </message>
    <message>
        <source>Solo practice: S starts and pauses</source>
        <translation>練習モード: S で開始 / 一時停止</translation>
    </message>
    <message>
        <source>Joined: the host runs the timer</source>
        <translation>参加中: タイマーは司会が操作します</translation>
    </message>
    <message>
        <source>Press S to start</source>
        <translation>S で開始</translation>
    </message>
    <message>
        <source>Waiting for the host to start</source>
        <translation>司会の開始を待っています</translation>
    </message>
    <message>
        <source>Paused: press S to resume</source>
        <translation>一時停止中: S で再開</translation>
    </message>
    <message>
        <source>● Online · {ms} ms</source>
        <translation>● オンライン · {ms} ms</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● オンライン</translation>
    </message>
    <message>
        <source>▲ Offline: reconnecting…</source>
        <translation>▲ オフライン: 再接続しています…</translation>
    </message>
    <message>
        <source>▲ Offline since {time}: still counting, reconnecting…</source>
        <translation>▲ {time} からオフライン: カウントは続いています。再接続しています…</translation>
    </message>
    <message>
        <source>○ Connecting…</source>
        <translation>○ 接続しています…</translation>
    </message>
    <message>
        <source>✕ The relay refused this link: {reason}</source>
        <translation>✕ リレーがこのリンクを拒否しました: {reason}</translation>
    </message>
    <message>
        <source>○ Closed</source>
        <translation>○ 切断済み</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>オフライン</translation>
    </message>
    <message>
        <source>Slide {page} / {pages}</source>
        <translation>スライド {page} / {pages}</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>次のスライド</translation>
    </message>
    <message>
        <source>Next: end of deck</source>
        <translation>次: スライドの終わり</translation>
    </message>
</context>
<context>
    <name>PresetEditor</name>
    <message>
        <source>Cue presets</source>
        <translation>カンペの定型文</translation>
    </message>
    <message>
        <source>One cue card per line, at most {count}. They are kept for your next event.</source>
        <translation>1行に1枚、最大 {count} 枚。次のイベントでも使えるよう保存されます。</translation>
    </message>
</context>
<context>
    <name>QuestionModeration</name>
    <message>
        <source>No questions yet.</source>
        <translation>質問はまだありません。</translation>
    </message>
    <message>
        <source>📌 On stage</source>
        <translation>📌 表示中</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>回答済み</translation>
    </message>
    <message>
        <source>Pin to stage</source>
        <translation>ステージに表示</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>表示をやめる</translation>
    </message>
    <message>
        <source>Not answered</source>
        <translation>未回答に戻す</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>非表示</translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
</context>
<context>
    <name>QuestionQueue</name>
    <message>
        <source>QUESTIONS</source>
        <translation>質問</translation>
    </message>
    <message>
        <source>Fold ›</source>
        <translation>たたむ ›</translation>
    </message>
    <message>
        <source>Fold the queue to the edge ({key})</source>
        <translation>質問リストを端にたたむ（{key}）</translation>
    </message>
    <message>
        <source>Questions the audience asks during this talk appear here.</source>
        <translation>このトーク中に視聴者から届いた質問がここに表示されます。</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>非表示</translation>
    </message>
    <message>
        <source>Only the host can show a hidden question again</source>
        <translation>非表示にした質問を戻せるのはホストだけです</translation>
    </message>
    <message>
        <source>{next} / {previous}: next / previous question</source>
        <translation>{next} / {previous}：次 / 前の質問</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>表示をやめる</translation>
    </message>
    <message>
        <source>Pin to stage</source>
        <translation>ステージに表示</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>未回答に戻す</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>回答済み</translation>
    </message>
    <message>
        <source>{total} · {new} new</source>
        <translation>{total} 件 · 新着 {new}</translation>
    </message>
</context>
<context>
    <name>QuestionRow</name>
    <message>
        <source>▲ {votes}</source>
        <translation>▲ {votes}</translation>
    </message>
    <message>
        <source>📌 On stage</source>
        <translation>📌 表示中</translation>
    </message>
    <message>
        <source>✓ Answered</source>
        <translation>✓ 回答済み</translation>
    </message>
    <message>
        <source>● New</source>
        <translation>● 新着</translation>
    </message>
    <message>
        <source>anonymous</source>
        <translation>匿名</translation>
    </message>
</context>
<context>
    <name>QueueEdge</name>
    <message>
        <source>Questions</source>
        <translation>質問</translation>
    </message>
    <message>
        <source>new</source>
        <comment>under the number of new questions</comment>
        <translation>新着</translation>
    </message>
    <message>
        <source>Open the question queue</source>
        <translation>質問リストを開く</translation>
    </message>
</context>
<context>
    <name>ReactionStrip</name>
    <message>
        <source>{emoji} ×{count}</source>
        <translation>{emoji} ×{count}</translation>
    </message>
</context>
<context>
    <name>ReactionsPerMinute</name>
    <message>
        <source>Reactions per minute</source>
        <translation>1 分あたりのリアクション</translation>
    </message>
    <message>
        <source>{n} in the last minute</source>
        <translation>直近 1 分で {n} 件</translation>
    </message>
</context>
<context>
    <name>ReportModeration</name>
    <message>
        <source>Nothing reported.</source>
        <translation>通報はありません。</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>チャット</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>質問</translation>
    </message>
    <message>
        <source>reported {count} times</source>
        <translation>{count} 回通報</translation>
    </message>
    <message>
        <source>reported once</source>
        <translation>1 回通報</translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>非表示</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>残す</translation>
    </message>
</context>
<context>
    <name>RundownPanel</name>
    <message>
        <source>RUNDOWN</source>
        <translation>進行表</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>追加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>開く…</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>CSV 読み込み…</translation>
    </message>
    <message>
        <source>Put on stage</source>
        <translation>登壇中にする</translation>
    </message>
    <message>
        <source>Next talk  (N)</source>
        <translation>次のトーク  (N)</translation>
    </message>
    <message>
        <source>and start its timer</source>
        <translation>タイマーも開始</translation>
    </message>
</context>
<context>
    <name>RundownTable</name>
    <message>
        <source>Speaker</source>
        <translation>登壇者</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>タイトル</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>持ち時間</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>予告</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>最終</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>予定</translation>
    </message>
    <message>
        <source>Actual / expected</source>
        <translation>実績 / 見込み</translation>
    </message>
    <message>
        <source>On stage now</source>
        <translation>登壇中</translation>
    </message>
    <message>
        <source>Warning at {warning} left, final at {final} left</source>
        <translation>残り {warning} で予告、残り {final} で最終</translation>
    </message>
    <message>
        <source>(no speaker)</source>
        <translation>（登壇者なし）</translation>
    </message>
    <message>
        <source>since {start}</source>
        <translation>{start} から</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>スキップ</translation>
    </message>
    <message>
        <source>~{start}</source>
        <translation>~{start}</translation>
    </message>
    <message>
        <source>“{text}” is not a length: type 25, 4:30 or 90s.</source>
        <translation>「{text}」は時間として読めません。25、4:30、90s のように入力してください。</translation>
    </message>
    <message>
        <source>A talk needs a length of more than 0.</source>
        <translation>持ち時間は 0 より長くしてください。</translation>
    </message>
    <message>
        <source>The final threshold cannot be above the warning one.</source>
        <translation>最終の時間は予告の時間より長くできません。</translation>
    </message>
    <message>
        <source>Change {field} of “{talk}”</source>
        <translation>「{talk}」の{field}を変更</translation>
    </message>
    <message>
        <source>Move “{talk}” to position {position}</source>
        <translation>「{talk}」を {position} 番目へ移動</translation>
    </message>
    <message>
        <source>Add a talk</source>
        <translation>トークを追加</translation>
    </message>
    <message>
        <source>Remove “{talk}”</source>
        <translation>「{talk}」を削除</translation>
    </message>
</context>
<context>
    <name>SlideView</name>
    <message>
        <source>No deck open. Open a PDF of your slides to show them here.</source>
        <translation>スライドが開かれていません。スライドの PDF を開くと、ここに表示されます。</translation>
    </message>
    <message>
        <source>End of the deck</source>
        <translation>スライドの終わり</translation>
    </message>
</context>
<context>
    <name>Speak</name>
    <message>
        <source>Open a PDF deck</source>
        <translation>スライドの PDF を開く</translation>
    </message>
    <message>
        <source>PDF decks (*.pdf)</source>
        <translation>PDF スライド (*.pdf)</translation>
    </message>
</context>
<context>
    <name>SpeakerActions</name>
    <message>
        <source>Slides</source>
        <translation>スライド</translation>
    </message>
    <message>
        <source>Next slide</source>
        <translation>次のスライド</translation>
    </message>
    <message>
        <source>Previous slide</source>
        <translation>前のスライド</translation>
    </message>
    <message>
        <source>First slide</source>
        <translation>最初のスライド</translation>
    </message>
    <message>
        <source>Last slide</source>
        <translation>最後のスライド</translation>
    </message>
    <message>
        <source>Blank the stage</source>
        <translation>ステージを暗転</translation>
    </message>
    <message>
        <source>Open another deck</source>
        <translation>別のスライドを開く</translation>
    </message>
    <message>
        <source>Timer and cues</source>
        <translation>タイマーとカンペ</translation>
    </message>
    <message>
        <source>Start / pause the countdown (solo)</source>
        <translation>カウントダウンの開始 / 一時停止（練習モード）</translation>
    </message>
    <message>
        <source>Rehearse: time each slide / end and keep it</source>
        <translation>リハーサル: スライドごとに計測 / 終えて保存</translation>
    </message>
    <message>
        <source>Pace against the next kept rehearsal</source>
        <translation>保存済みの次のリハーサルと比べる</translation>
    </message>
    <message>
        <source>Got it: acknowledge the cue</source>
        <translation>了解: カンペに応える</translation>
    </message>
    <message>
        <source>Write in the chat (Esc leaves it)</source>
        <translation>チャットに書く（Esc で戻る）</translation>
    </message>
    <message>
        <source>Chime at each threshold and at time-up</source>
        <translation>残り時間の節目と時間切れでチャイムを鳴らす</translation>
    </message>
    <message>
        <source>Pace meter: listen for speaking too fast</source>
        <translation>話速メーター: 速すぎる話し方を知らせる</translation>
    </message>
    <message>
        <source>Poll</source>
        <translation>投票</translation>
    </message>
    <message>
        <source>New poll: write its question (Esc leaves it)</source>
        <translation>新しい投票：質問を入力（Esc で抜ける）</translation>
    </message>
    <message>
        <source>Show / hide the poll&apos;s result on the stage</source>
        <translation>投票結果をステージに表示 / 非表示</translation>
    </message>
    <message>
        <source>Close the poll</source>
        <translation>投票を締め切る</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>質問</translation>
    </message>
    <message>
        <source>Open / fold the question queue</source>
        <translation>質問リストを開く / たたむ</translation>
    </message>
    <message>
        <source>Next question</source>
        <translation>次の質問</translation>
    </message>
    <message>
        <source>Previous question</source>
        <translation>前の質問</translation>
    </message>
    <message>
        <source>Pin the question to the stage / unpin it</source>
        <translation>質問をステージに表示 / 表示をやめる</translation>
    </message>
    <message>
        <source>Mark the question answered</source>
        <translation>質問を回答済みにする</translation>
    </message>
    <message>
        <source>Hide the question</source>
        <translation>質問を非表示にする</translation>
    </message>
    <message>
        <source>Export the questions as Markdown</source>
        <translation>質問を Markdown で書き出す</translation>
    </message>
    <message>
        <source>Windows</source>
        <translation>ウィンドウ</translation>
    </message>
    <message>
        <source>Stage full screen</source>
        <translation>ステージを全画面表示</translation>
    </message>
    <message>
        <source>Leave full screen</source>
        <translation>全画面表示を終了</translation>
    </message>
    <message>
        <source>Show / hide the overlay</source>
        <translation>オーバーレイの表示 / 非表示</translation>
    </message>
    <message>
        <source>Overlay click-through on / off</source>
        <translation>オーバーレイのクリック透過 オン / オフ</translation>
    </message>
    <message>
        <source>Countdown badge on stage</source>
        <translation>ステージのカウントダウン表示</translation>
    </message>
    <message>
        <source>Stage size: the window&apos;s or fixed, for streaming</source>
        <translation>ステージのサイズ: ウィンドウに合わせるか固定 (配信用)</translation>
    </message>
    <message>
        <source>Larger feed text</source>
        <translation>フィードの文字を大きく</translation>
    </message>
    <message>
        <source>Smaller feed text</source>
        <translation>フィードの文字を小さく</translation>
    </message>
    <message>
        <source>Show these shortcuts</source>
        <translation>このショートカット一覧</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>Fit the window</source>
        <translation>ウィンドウに合わせる</translation>
    </message>
    <message>
        <source>1280 × 720 (HD), for streaming</source>
        <translation>1280 × 720 (HD)、配信用</translation>
    </message>
    <message>
        <source>1920 × 1080 (Full HD), for streaming</source>
        <translation>1920 × 1080 (フルHD)、配信用</translation>
    </message>
    <message>
        <source>&amp;Deck</source>
        <translation>スライド(&amp;D)</translation>
    </message>
    <message>
        <source>Open deck…</source>
        <translation>スライドを開く…</translation>
    </message>
    <message>
        <source>&amp;Timer</source>
        <translation>タイマー(&amp;T)</translation>
    </message>
    <message>
        <source>Start / pause</source>
        <translation>開始 / 一時停止</translation>
    </message>
    <message>
        <source>Rehearse</source>
        <translation>リハーサル</translation>
    </message>
    <message>
        <source>Compare with another rehearsal</source>
        <translation>別のリハーサルと比べる</translation>
    </message>
    <message>
        <source>Got it</source>
        <translation>了解</translation>
    </message>
    <message>
        <source>Chime at thresholds (console only)</source>
        <translation>節目でチャイム（コンソールのみ）</translation>
    </message>
    <message>
        <source>Pace meter (microphone, never recorded)</source>
        <translation>話速メーター（マイク、録音なし）</translation>
    </message>
    <message>
        <source>&amp;Poll</source>
        <translation>投票(&amp;P)</translation>
    </message>
    <message>
        <source>New poll…</source>
        <translation>新しい投票…</translation>
    </message>
    <message>
        <source>Result on stage</source>
        <translation>結果をステージに表示</translation>
    </message>
    <message>
        <source>Close poll</source>
        <translation>投票を締め切る</translation>
    </message>
    <message>
        <source>&amp;Questions</source>
        <translation>質問(&amp;Q)</translation>
    </message>
    <message>
        <source>Question queue</source>
        <translation>質問リスト</translation>
    </message>
    <message>
        <source>Pin to stage / unpin</source>
        <translation>ステージに表示 / 表示をやめる</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>回答済み</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>非表示</translation>
    </message>
    <message>
        <source>Export the questions…</source>
        <translation>質問を書き出す…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>Countdown on stage</source>
        <translation>ステージにカウントダウンを表示</translation>
    </message>
    <message>
        <source>Stage size</source>
        <translation>ステージのサイズ</translation>
    </message>
    <message>
        <source>Overlay</source>
        <translation>オーバーレイ</translation>
    </message>
    <message>
        <source>Overlay click-through</source>
        <translation>オーバーレイのクリック透過</translation>
    </message>
    <message>
        <source>Write in the chat</source>
        <translation>チャットに書く</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>キーボードショートカット</translation>
    </message>
</context>
<context>
    <name>SpeakerApp</name>
    <message>
        <source>Open a PDF deck</source>
        <translation>スライドの PDF を開く</translation>
    </message>
    <message>
        <source>PDF decks (*.pdf)</source>
        <translation>PDF スライド (*.pdf)</translation>
    </message>
</context>
<context>
    <name>SpeakerCard</name>
    <message>
        <source>ON STAGE</source>
        <translation>登壇中</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>リセット</translation>
    </message>
    <message>
        <source>−1 min</source>
        <translation>−1分</translation>
    </message>
    <message>
        <source>−10 s</source>
        <translation>−10秒</translation>
    </message>
    <message>
        <source>+10 s</source>
        <translation>+10秒</translation>
    </message>
    <message>
        <source>+1 min</source>
        <translation>+1分</translation>
    </message>
    <message>
        <source>Length…</source>
        <translation>持ち時間…</translation>
    </message>
    <message>
        <source>Speaker runs the timer</source>
        <translation>登壇者がタイマー操作</translation>
    </message>
    <message>
        <source>Auto-cues:</source>
        <translation>自動カンペ：</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>予告</translation>
    </message>
    <message>
        <source>final</source>
        <translation>最終</translation>
    </message>
    <message>
        <source>time up</source>
        <translation>時間切れ</translation>
    </message>
    <message>
        <source>Cue the speaker by itself at this moment (once)</source>
        <translation>この時点で登壇者に自動でカンペを出す（1回）</translation>
    </message>
    <message>
        <source>(no speaker yet)</source>
        <translation>（登壇者未定）</translation>
    </message>
    <message>
        <source>(untitled talk)</source>
        <translation>（無題のトーク）</translation>
    </message>
    <message>
        <source>Slide {page} / {pages}</source>
        <translation>スライド {page} / {pages}</translation>
    </message>
    <message>
        <source>No slide reported</source>
        <translation>スライド情報なし</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>再開</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>オンライン</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>オフライン</translation>
    </message>
    <message>
        <source>? Last known: {presence}</source>
        <translation>? 最後の状態：{presence}</translation>
    </message>
    <message>
        <source>for {time}</source>
        <translation>（{time}）</translation>
    </message>
    <message>
        <source>Speaker app not connected</source>
        <translation>登壇者アプリ未接続</translation>
    </message>
    <message>
        <source>Speaker app connected</source>
        <translation>登壇者アプリ接続中</translation>
    </message>
    <message>
        <source>round trip {ms} ms</source>
        <translation>往復 {ms} ms</translation>
    </message>
    <message>
        <source>clock in step</source>
        <translation>時計は正常</translation>
    </message>
    <message>
        <source>clock {n} s off</source>
        <translation>時計が {n} 秒ずれています</translation>
    </message>
    <message>
        <source>clock {n} min off</source>
        <translation>時計が {n} 分ずれています</translation>
    </message>
    <message>
        <source>clock {n} h off</source>
        <translation>時計が {n} 時間ずれています</translation>
    </message>
    <message>
        <source>No cue showing</source>
        <translation>表示中のカンペなし</translation>
    </message>
    <message>
        <source>✓ Got it at {time} (after {delay})</source>
        <translation>✓ {time} に了解（{delay} 後）</translation>
    </message>
    <message>
        <source>⏳ Sent at {time}, not acknowledged yet</source>
        <translation>⏳ {time} に送信、まだ了解なし</translation>
    </message>
</context>
<context>
    <name>SpeakerOpens</name>
    <message>
        <source>Switch to “{deck}”?</source>
        <translation>「{deck}」に切り替えますか？</translation>
    </message>
    <message>
        <source>“{deck}” takes the place of “{current}” on your stage, from its first slide. The talk&apos;s timer and room stay as they are.</source>
        <translation>ステージのスライドが「{current}」から「{deck}」に替わり、最初のページから表示されます。トークのタイマーとルームはそのままです。</translation>
    </message>
    <message>
        <source>Switch deck</source>
        <translation>スライドを切り替える</translation>
    </message>
    <message>
        <source>You leave the practice room and join the talk of this speaker link, on {relay}. Your deck stays open.</source>
        <translation>練習ルームを出て、この登壇者リンクのトーク（{relay}）に参加します。スライドは開いたままです。</translation>
    </message>
    <message>
        <source>You leave the talk you are in now and join the talk of this speaker link, on {relay}. Your deck stays open.</source>
        <translation>いま参加しているトークを出て、この登壇者リンクのトーク（{relay}）に参加します。スライドは開いたままです。</translation>
    </message>
    <message>
        <source>Join this talk?</source>
        <translation>このトークに参加しますか？</translation>
    </message>
    <message>
        <source>Join the talk</source>
        <translation>トークに参加する</translation>
    </message>
    <message>
        <source>Kanpe cannot open this deck</source>
        <translation>このスライドは Kanpe で開けません</translation>
    </message>
</context>
<context>
    <name>SpeakerPace</name>
    <message>
        <source>rehearsals are not kept in this session</source>
        <translation>このセッションではリハーサルを保存しません</translation>
    </message>
    <message>
        <source>no deck is open</source>
        <translation>デッキが開かれていません</translation>
    </message>
    <message>
        <source>Rehearsal kept: {time}</source>
        <translation>リハーサルを保存: {time}</translation>
    </message>
    <message>
        <source>The next talk on this deck is compared with it</source>
        <translation>このデッキの次の発表はこれと比べます</translation>
    </message>
    <message>
        <source>Rehearsing: {time} so far, at slide {slide}</source>
        <translation>リハーサル中: ここまで {time}、スライド {slide}</translation>
    </message>
    <message>
        <source>Timer &gt; Rehearse again (Ctrl+R) ends it and keeps it</source>
        <translation>タイマー &gt; リハーサル (Ctrl+R) をもう一度で終了・保存</translation>
    </message>
    <message>
        <source>No rehearsal of this deck yet</source>
        <translation>このデッキのリハーサルはまだありません</translation>
    </message>
    <message>
        <source>Timer &gt; Rehearse (Ctrl+R) times each slide as you practise</source>
        <translation>タイマー &gt; リハーサル (Ctrl+R) で練習中にスライドごとの時間を計測</translation>
    </message>
    <message>
        <source>rehearsal of {when} ({length}, {n} of {count})</source>
        <translation>{when} のリハーサル ({length}、{count} 件中 {n} 件目)</translation>
    </message>
    <message>
        <source>On pace at slide {slide}</source>
        <translation>スライド {slide} で予定どおり</translation>
    </message>
    <message>
        <source>{time} ahead at slide {slide}</source>
        <translation>スライド {slide} で {time} 早い</translation>
    </message>
    <message>
        <source>{time} behind at slide {slide}</source>
        <translation>スライド {slide} で {time} 遅れ</translation>
    </message>
    <message>
        <source>Projected to finish right at the slot&apos;s end</source>
        <translation>枠の終わりちょうどに終わる見込み</translation>
    </message>
    <message>
        <source>Projected to finish {time} before the slot ends</source>
        <translation>枠の終わりより {time} 早く終わる見込み</translation>
    </message>
    <message>
        <source>Projected to finish {time} after the slot ends</source>
        <translation>枠の終わりより {time} 遅れて終わる見込み</translation>
    </message>
</context>
<context>
    <name>SpeakerQuestions</name>
    <message>
        <source>Export the questions</source>
        <translation>質問を書き出す</translation>
    </message>
    <message>
        <source>{talk} questions</source>
        <extracomment>The talk&apos;s slide timings as Markdown, for its record (&quot;&quot;: none).</extracomment>
        <translation>{talk} の質問</translation>
    </message>
</context>
<context>
    <name>StageWindow</name>
    <message>
        <source>Kanpe — Stage</source>
        <translation>Kanpe — ステージ</translation>
    </message>
</context>
<context>
    <name>StartWindow</name>
    <message>
        <source>Welcome to Kanpe</source>
        <extracomment>Scoped to the window and its cards: a file dialog opened from the window (a child, on Linux drawn by Qt) keeps the ordinary look.</extracomment>
        <translation>Kanpe へようこそ</translation>
    </message>
    <message>
        <source>What would you like to do? You can also drop a PDF deck or a speaker link here.</source>
        <translation>何をしますか？ PDF のスライドや登壇者リンクをここにドロップすることもできます。</translation>
    </message>
    <message>
        <source>Present a talk</source>
        <translation>発表する</translation>
    </message>
    <message>
        <source>Open your PDF deck: stage, presenter console and overlay, with a practice timer.</source>
        <translation>PDF のスライドを開きます。ステージ、発表者コンソール、オーバーレイと練習用タイマー付き。</translation>
    </message>
    <message>
        <source>Recent decks (double-click to open):</source>
        <translation>最近のスライド（ダブルクリックで開く）:</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分</translation>
    </message>
    <message>
        <source>The talk&apos;s length when you practise alone</source>
        <translation>一人で練習するときのトークの長さ</translation>
    </message>
    <message>
        <source>Open a deck…</source>
        <translation>スライドを開く…</translation>
    </message>
    <message>
        <source>Talk length</source>
        <translation>トークの長さ</translation>
    </message>
    <message>
        <source>Join with a speaker link</source>
        <translation>登壇者リンクで参加する</translation>
    </message>
    <message>
        <source>Your host sent you a link: paste it here (or drop it on this window).</source>
        <translation>ホストから届いたリンクをここに貼り付けてください（このウィンドウにドロップしても構いません）。</translation>
    </message>
    <message>
        <source>https://…/speak/…#…</source>
        <translation>https://…/speak/…#…</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>参加</translation>
    </message>
    <message>
        <source>Host an event</source>
        <translation>イベントを主催する</translation>
    </message>
    <message>
        <source>The host console: the rundown, every speaker&apos;s timer and cue cards, on a relay here.</source>
        <translation>ホストのコンソール: 進行表、登壇者ごとのタイマーとカンペを、このコンピューターのリレーで。</translation>
    </message>
    <message>
        <source>Start hosting</source>
        <translation>主催を始める</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>デモを試す</translation>
    </message>
    <message>
        <source>A whole event on this computer: the host&apos;s console, a speaker on the sample deck and a simulated audience.</source>
        <translation>このコンピューターでイベント全体を試せます。ホストのコンソール、サンプルのスライドで話す登壇者、模擬の聴衆。</translation>
    </message>
    <message>
        <source>Open the demo</source>
        <translation>デモを開く</translation>
    </message>
    <message>
        <source>Open a PDF deck</source>
        <translation>PDF のスライドを開く</translation>
    </message>
    <message>
        <source>PDF decks (*.pdf)</source>
        <translation>PDF スライド (*.pdf)</translation>
    </message>
    <message>
        <source>This deck is not there any more: {path}</source>
        <translation>このスライドはもうありません: {path}</translation>
    </message>
    <message>
        <source>This link cannot be used: {reason}</source>
        <translation>このリンクは使えません: {reason}</translation>
    </message>
    <message>
        <source>Could not save settings: {error}</source>
        <translation>設定を保存できませんでした: {error}</translation>
    </message>
</context>
</TS>
