<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AlertBanner</name>
    <message>
        <source>Show &amp;events</source>
        <translation>显示事件(&amp;E)</translation>
    </message>
    <message>
        <source>Show the alerts in the event log</source>
        <translation>在事件日志中显示这些告警</translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation>关闭(&amp;D)</translation>
    </message>
    <message>
        <source>Dismiss the alert banner</source>
        <translation>关闭告警横幅</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n more alert(s) open.</source>
        <translation>
            <numerusform>另有 %n 条告警尚未恢复。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AlertDispatcher</name>
    <message>
        <source>connection refused</source>
        <translation>连接被拒绝</translation>
    </message>
    <message>
        <source>connection closed</source>
        <translation>连接已关闭</translation>
    </message>
    <message>
        <source>host not found</source>
        <translation>找不到主机</translation>
    </message>
    <message>
        <source>TLS handshake failed</source>
        <translation>TLS 握手失败</translation>
    </message>
    <message>
        <source>no answer in time</source>
        <translation>未在规定时间内响应</translation>
    </message>
    <message>
        <source>network error</source>
        <translation>网络错误</translation>
    </message>
    <message>
        <source>not a URL</source>
        <translation>不是有效的 URL</translation>
    </message>
    <message>
        <source>plain http is allowed only to this machine (the URL or key would travel unencrypted)</source>
        <translation>明文 http 仅允许发往本机（否则 URL 或密钥将以未加密方式传输）</translation>
    </message>
    <message>
        <source>the URL must start with https://</source>
        <translation>URL 必须以 https:// 开头</translation>
    </message>
    <message>
        <source>no keychain: the sink&apos;s URL or key cannot be read</source>
        <translation>没有系统钥匙串：无法读取该告警通道的 URL 或密钥</translation>
    </message>
    <message>
        <source>no routing key is stored for this sink</source>
        <translation>该告警通道未存储路由密钥</translation>
    </message>
    <message>
        <source>no URL is stored for this sink</source>
        <translation>该告警通道未存储 URL</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
</context>
<context>
    <name>AlertRouter</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>%1 failed (%2); %3 took over</source>
        <translation>%1 失败（%2），已由 %3 接管</translation>
    </message>
    <message>
        <source>%1 answered again</source>
        <translation>%1 已恢复响应</translation>
    </message>
    <message>
        <source>the breaker of %1 closed</source>
        <translation>%1 的熔断器已关闭</translation>
    </message>
    <message>
        <source>Breaker open: %1 (%2)</source>
        <translation>熔断器打开：%1（%2）</translation>
    </message>
    <message>
        <source>%1 is skipped for %2, then one probe request tests it.</source>
        <translation>%1 将被跳过 %2，之后由一个探测请求对其进行测试。</translation>
    </message>
    <message>
        <source>back to level FULL</source>
        <translation>已恢复到完整级别</translation>
    </message>
    <message>
        <source>Degradation level %1</source>
        <translation>降级级别：%1</translation>
    </message>
    <message>
        <source>the system is healthy again</source>
        <translation>系统已恢复健康</translation>
    </message>
    <message>
        <source>System critical</source>
        <translation>系统状态严重</translation>
    </message>
    <message>
        <source>System degraded</source>
        <translation>系统降级</translation>
    </message>
    <message>
        <source>Drill %1: %2</source>
        <translation>演练 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>more than %n alert(s) in a minute</source>
        <translation>
            <numerusform>一分钟内超过 %n 条告警</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Resolved: %1 after %2 (%n event(s)).</source>
        <translation>
            <numerusform>已恢复：%1，历时 %2（%n 个事件）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Test alert from Understudy</source>
        <translation>来自 Understudy 的测试告警</translation>
    </message>
    <message>
        <source>If you can read this, alerts reach %1.</source>
        <translation>如果您能看到这条消息，说明告警可以送达 %1。</translation>
    </message>
</context>
<context>
    <name>AlertSettings</name>
    <message>
        <source>%1: unknown key &quot;%2&quot;</source>
        <translation>%1：未知的键“%2”</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a whole number from %2 to %3</source>
        <translation>“%1”必须是 %2 到 %3 之间的整数</translation>
    </message>
    <message>
        <source>In-app banner</source>
        <translation>应用内横幅</translation>
    </message>
    <message>
        <source>Tray notification</source>
        <translation>托盘通知</translation>
    </message>
    <message>
        <source>not valid JSON at offset %1: %2</source>
        <translation>不是有效的 JSON（偏移量 %1）：%2</translation>
    </message>
    <message>
        <source>the file must hold a JSON object</source>
        <translation>文件内容必须是一个 JSON 对象</translation>
    </message>
    <message>
        <source>alert settings</source>
        <translation>告警设置</translation>
    </message>
    <message>
        <source>&quot;version&quot; %1 is not supported (this Understudy reads version 1)</source>
        <translation>不支持“version” %1（此版本的 Understudy 只能读取版本 1）</translation>
    </message>
    <message>
        <source>&quot;sinks&quot; must be a list</source>
        <translation>“sinks”必须是列表</translation>
    </message>
    <message>
        <source>%1 must be an object</source>
        <translation>%1 必须是对象</translation>
    </message>
    <message>
        <source>%1: &quot;id&quot; must be present and unique</source>
        <translation>%1：“id”必须存在且唯一</translation>
    </message>
    <message>
        <source>%1: &quot;type&quot; must be banner, tray, slack, pagerduty or webhook</source>
        <translation>%1：“type”必须是 banner、tray、slack、pagerduty 或 webhook</translation>
    </message>
    <message>
        <source>%1: &quot;min_severity&quot; must be info, warning, error or critical</source>
        <translation>%1：“min_severity”必须是 info、warning、error 或 critical</translation>
    </message>
    <message>
        <source>%1: unknown alert kind &quot;%2&quot;</source>
        <translation>%1：未知的告警类型“%2”</translation>
    </message>
    <message>
        <source>%1: &quot;events_url&quot; is not a URL</source>
        <translation>%1：“events_url”不是有效的 URL</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>the folder of %1 cannot be created</source>
        <translation>无法创建 %1 所在的文件夹</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>AlertText</name>
    <message>
        <source>Info</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>Tier switches</source>
        <translation>层级切换</translation>
    </message>
    <message>
        <source>Breaker opened</source>
        <translation>熔断器打开</translation>
    </message>
    <message>
        <source>Degradation level</source>
        <translation>降级级别</translation>
    </message>
    <message>
        <source>System health</source>
        <translation>系统健康状况</translation>
    </message>
    <message>
        <source>Budget thresholds</source>
        <translation>预算阈值</translation>
    </message>
    <message>
        <source>Test alert</source>
        <translation>测试告警</translation>
    </message>
</context>
<context>
    <name>AlertsDialog</name>
    <message>
        <source>In-app banner</source>
        <translation>应用内横幅</translation>
    </message>
    <message>
        <source>Tray notification</source>
        <translation>托盘通知</translation>
    </message>
    <message>
        <source>Slack</source>
        <translation>Slack</translation>
    </message>
    <message>
        <source>PagerDuty</source>
        <translation>PagerDuty</translation>
    </message>
    <message>
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Alert sinks</source>
        <translation>告警通道</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>Add a sink</source>
        <translation>添加告警通道</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>Remove the selected sink</source>
        <translation>移除所选告警通道</translation>
    </message>
    <message>
        <source>Sink name</source>
        <translation>告警通道名称</translation>
    </message>
    <message>
        <source>&amp;Enabled</source>
        <translation>启用(&amp;E)</translation>
    </message>
    <message>
        <source>Minimum severity</source>
        <translation>最低严重程度</translation>
    </message>
    <message>
        <source>Webhook &amp;URL:</source>
        <translation>Webhook URL(&amp;U)：</translation>
    </message>
    <message>
        <source>Webhook URL or routing key (kept in the keychain)</source>
        <translation>Webhook URL 或路由密钥（保存在系统钥匙串中）</translation>
    </message>
    <message>
        <source>S&amp;how while typing</source>
        <translation>输入时显示(&amp;H)</translation>
    </message>
    <message>
        <source>Events API &amp;endpoint:</source>
        <translation>Events API 端点(&amp;E)：</translation>
    </message>
    <message>
        <source>PagerDuty Events API endpoint</source>
        <translation>PagerDuty Events API 端点</translation>
    </message>
    <message>
        <source>Send &amp;test alert</source>
        <translation>发送测试告警(&amp;T)</translation>
    </message>
    <message>
        <source>Saves your changes, then sends a test alert to this sink only.</source>
        <translation>先保存您的更改，然后仅向此告警通道发送一条测试告警。</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Minimum &amp;severity:</source>
        <translation>最低严重程度(&amp;S)：</translation>
    </message>
    <message>
        <source>Sends:</source>
        <translation>发送：</translation>
    </message>
    <message>
        <source>Sink</source>
        <translation>告警通道</translation>
    </message>
    <message>
        <source>Most alerts a minute</source>
        <translation>每分钟最多告警数</translation>
    </message>
    <message>
        <source>Switches before a switch alert</source>
        <translation>触发切换告警前的切换次数</translation>
    </message>
    <message>
        <source>Within minutes</source>
        <translation>时间窗口（分钟）</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>At &amp;most this many alerts a minute:</source>
        <translation>每分钟最多发送告警数(&amp;M)：</translation>
    </message>
    <message>
        <source>Alert on a tier&apos;s &amp;switches after:</source>
        <translation>层级切换达到以下次数时告警(&amp;S)：</translation>
    </message>
    <message>
        <source>switches within</source>
        <translation>次切换，时间窗口</translation>
    </message>
    <message>
        <source>Quiet thresholds (resolves always go out)</source>
        <translation>静默阈值（恢复通知始终发送）</translation>
    </message>
    <message numerus="yes">
        <source>Last alert delivered (%n attempt(s)).</source>
        <translation>
            <numerusform>上一条告警已送达（尝试 %n 次）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Attempt %1 failed (%2); retrying.</source>
        <translation>第 %1 次尝试失败（%2），正在重试。</translation>
    </message>
    <message>
        <source>Not delivered: %1.</source>
        <translation>未送达：%1。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Routing &amp;key:</source>
        <translation>路由密钥(&amp;K)：</translation>
    </message>
    <message>
        <source>Checking the keychain…</source>
        <translation>正在检查系统钥匙串…</translation>
    </message>
    <message>
        <source>No keychain: this sink cannot be used</source>
        <translation>没有系统钥匙串：无法使用此告警通道</translation>
    </message>
    <message>
        <source>Stored in the keychain (%1); type to replace</source>
        <translation>已保存在系统钥匙串中（%1）；输入新值即可替换</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>The URL of %1 is not used: %2.</source>
        <translation>%1 的 URL 未被使用：%2。</translation>
    </message>
    <message>
        <source>The endpoint of %1 is not used: %2.</source>
        <translation>%1 的端点未被使用：%2。</translation>
    </message>
    <message>
        <source>The alert settings were not saved: %1</source>
        <translation>告警设置未保存：%1</translation>
    </message>
    <message>
        <source>Saved, but there is no keychain to keep the URLs and keys in.</source>
        <translation>已保存，但没有可用于保存 URL 和密钥的系统钥匙串。</translation>
    </message>
    <message>
        <source>Saved. Alerts now go where this page says.</source>
        <translation>已保存。告警现在将按本页设置发送。</translation>
    </message>
    <message>
        <source>Saved, but: %1</source>
        <translation>已保存，但：%1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Test alert sent to %1; its result shows under the sink.</source>
        <translation>测试告警已发送到 %1；结果显示在该告警通道下方。</translation>
    </message>
    <message>
        <source>Test alert shown.</source>
        <translation>已显示测试告警。</translation>
    </message>
</context>
<context>
    <name>AnswerSource</name>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>response cache</source>
        <translation>响应缓存</translation>
    </message>
    <message>
        <source>fallback rule</source>
        <translation>兜底规则</translation>
    </message>
</context>
<context>
    <name>AppServices</name>
    <message>
        <source>The fallback rules were not loaded: %1</source>
        <translation>未加载兜底规则：%1</translation>
    </message>
    <message>
        <source>The alert settings were not loaded (alerts go to the banner and the tray until you save new ones; the file is kept): %1</source>
        <translation>未加载告警设置（在您保存新设置之前，告警将发送到横幅和托盘；原文件保留不变）：%1</translation>
    </message>
    <message>
        <source>The conversation history is not available (answers are not kept): %1</source>
        <translation>对话历史不可用（不会保存回答）：%1</translation>
    </message>
    <message>
        <source>The response cache is not available (answers are not kept for outages): %1</source>
        <translation>响应缓存不可用（不会为中断情况保存回答）：%1</translation>
    </message>
    <message>
        <source>Your price table is not used (the shipped one is): %1</source>
        <translation>未使用您的价格表（改用内置价格表）：%1</translation>
    </message>
</context>
<context>
    <name>AttemptsDialog</name>
    <message>
        <source>Attempts and switches</source>
        <translation>尝试与切换</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>尝试</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Error class</source>
        <translation>错误类别</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>First token</source>
        <translation>首个 token</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>switch (mid-stream)</source>
        <translation>切换（流式传输中）</translation>
    </message>
    <message>
        <source>switch</source>
        <translation>切换</translation>
    </message>
    <message>
        <source>Answered by %1 (%2).</source>
        <translation>由 %1 回答（%2）。</translation>
    </message>
    <message>
        <source>No complete answer: %1</source>
        <translation>没有完整回答：%1</translation>
    </message>
</context>
<context>
    <name>CalculatorView</name>
    <message>
        <source>Projected by</source>
        <translation>预测方式</translation>
    </message>
    <message>
        <source>Move three workloads to a relay at a tenth of the price</source>
        <translation>将三项工作负载迁移到价格仅为十分之一的中转服务</translation>
    </message>
    <message>
        <source>Support bot</source>
        <translation>客服机器人</translation>
    </message>
    <message>
        <source>Code review</source>
        <translation>代码审查</translation>
    </message>
    <message>
        <source>Summaries</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>&amp;Add row</source>
        <translation>添加行(&amp;A)</translation>
    </message>
    <message>
        <source>Add a workload row</source>
        <translation>添加一行工作负载</translation>
    </message>
    <message>
        <source>&amp;Remove row</source>
        <translation>移除行(&amp;R)</translation>
    </message>
    <message>
        <source>Remove the selected row</source>
        <translation>移除所选行</translation>
    </message>
    <message>
        <source>From my &amp;usage</source>
        <translation>按我的用量(&amp;U)</translation>
    </message>
    <message>
        <source>Fill the rows from what was spent over the last 30 days, per model</source>
        <translation>按模型，根据过去 30 天的支出填充各行</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a scenario (JSON or CSV)</source>
        <translation>打开场景（JSON 或 CSV）</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>保存(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the scenario as JSON</source>
        <translation>将场景保存为 JSON</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>导出 CSV(&amp;C)…</translation>
    </message>
    <message>
        <source>Export the rows and results as CSV</source>
        <translation>将各行及结果导出为 CSV</translation>
    </message>
    <message>
        <source>Export &amp;PDF…</source>
        <translation>导出 PDF(&amp;P)…</translation>
    </message>
    <message>
        <source>A one-page PDF report: inputs, results, charts, date and price table version</source>
        <translation>单页 PDF 报告：输入、结果、图表、日期和价格表版本</translation>
    </message>
    <message>
        <source>Scenario title</source>
        <translation>场景标题</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <source>&amp;Over:</source>
        <translation>预测期(&amp;O)：</translation>
    </message>
    <message>
        <source>Monthly volume growth in percent, compounding (e.g. 5 or -2.5)</source>
        <translation>每月用量增长百分比，按复利计算（例如 5 或 -2.5）</translation>
    </message>
    <message>
        <source>&amp;Growth %/mo:</source>
        <translation>月增长率 %(&amp;G)：</translation>
    </message>
    <message>
        <source>One-time migration cost in USD</source>
        <translation>一次性迁移成本（美元）</translation>
    </message>
    <message>
        <source>&amp;Migration cost $:</source>
        <translation>迁移成本 $(&amp;M)：</translation>
    </message>
    <message>
        <source>CNY per USD, for the amounts shown in CNY</source>
        <translation>人民币兑美元汇率，用于以人民币显示的金额</translation>
    </message>
    <message>
        <source>¥ &amp;per $:</source>
        <translation>汇率 ¥/$(&amp;P)：</translation>
    </message>
    <message>
        <source>Workload rows</source>
        <translation>工作负载行</translation>
    </message>
    <message>
        <source>Cost per month: now and projected</source>
        <translation>每月成本：当前与预测</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>Projected</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Cost per row, now and projected</source>
        <translation>每行成本：当前与预测</translation>
    </message>
    <message>
        <source>Cumulative savings</source>
        <translation>累计节省</translation>
    </message>
    <message>
        <source>Migration cost</source>
        <translation>迁移成本</translation>
    </message>
    <message>
        <source>Break-even</source>
        <translation>回本点</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Cumulative savings over the projection, with the migration cost</source>
        <translation>预测期内的累计节省及迁移成本</translation>
    </message>
    <message>
        <source>Workload %1</source>
        <translation>工作负载 %1</translation>
    </message>
    <message>
        <source>Nothing was spent in the last 30 days: no rows to fill.</source>
        <translation>过去 30 天没有任何支出：没有可填充的行。</translation>
    </message>
    <message>
        <source>Replace the rows?</source>
        <translation>替换这些行？</translation>
    </message>
    <message>
        <source>Replace the %1 rows with last month&apos;s usage (%2 models)? Save the scenario first to keep it.</source>
        <translation>要用上个月的用量（%2 个模型）替换现有的 %1 行吗？如需保留，请先保存场景。</translation>
    </message>
    <message>
        <source>%1 (tier %2)</source>
        <translation>%1（第 %2 层级）</translation>
    </message>
    <message>
        <source>Usage of the last 30 days</source>
        <translation>过去 30 天的用量</translation>
    </message>
    <message>
        <source>Growth is a percentage from -100 to 100, like 5 or -2.5.</source>
        <translation>增长率是 -100 到 100 之间的百分比，例如 5 或 -2.5。</translation>
    </message>
    <message>
        <source>The migration cost is an amount in USD, like 1500 or 99.90.</source>
        <translation>迁移成本是以美元计的金额，例如 1500 或 99.90。</translation>
    </message>
    <message>
        <source>The rate is CNY per USD, above zero, like 7.3.</source>
        <translation>汇率是每美元兑换的人民币金额，须大于零，例如 7.3。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Per month: now %1, projected %2, savings %3 (%4 %)&lt;/b&gt; · in CNY at %5: %6 → %7, saving %8</source>
        <translation>&lt;b&gt;每月：当前 %1，预测 %2，节省 %3（%4%）&lt;/b&gt; · 按 %5 折合人民币：%6 → %7，节省 %8</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>Over %1 months at %2 % growth a month: %3 saved.</source>
        <translation>%1 个月内按每月 %2% 的增长：共节省 %3。</translation>
    </message>
    <message>
        <source>A migration cost of %1 is paid back in month %2.</source>
        <translation>迁移成本 %1 将在第 %2 个月回本。</translation>
    </message>
    <message>
        <source>A migration cost of %1 is not paid back within %2 months.</source>
        <translation>迁移成本 %1 在 %2 个月内无法回本。</translation>
    </message>
    <message>
        <source>Exact amounts, shown rounded half away from zero to the cent; percentages to 0.1 %. Price table %1.</source>
        <translation>金额为精确值，显示时按远离零方向四舍五入到分；百分比精确到 0.1%。价格表 %1。</translation>
    </message>
    <message>
        <source>%1: cannot be written: %2</source>
        <translation>%1：无法写入：%2</translation>
    </message>
    <message>
        <source>Open scenario</source>
        <translation>打开场景</translation>
    </message>
    <message>
        <source>Scenarios (*.json *.csv);;All files (*)</source>
        <translation>场景 (*.json *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Scenario not opened</source>
        <translation>场景未打开</translation>
    </message>
    <message>
        <source>Nothing was changed.

%1</source>
        <translation>未做任何更改。

%1</translation>
    </message>
    <message>
        <source>Save scenario</source>
        <translation>保存场景</translation>
    </message>
    <message>
        <source>Scenarios (*.json)</source>
        <translation>场景 (*.json)</translation>
    </message>
    <message>
        <source>Scenario not saved</source>
        <translation>场景未保存</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>CSV not exported</source>
        <translation>CSV 未导出</translation>
    </message>
    <message>
        <source>Export PDF report</source>
        <translation>导出 PDF 报告</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>PDF not exported</source>
        <translation>PDF 未导出</translation>
    </message>
</context>
<context>
    <name>ChainEditor</name>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Load a config file into the editor (it runs once you apply it)</source>
        <translation>将配置文件载入编辑器（应用后才会运行）</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <source>Save the edited config to a file (API keys are never part of it)</source>
        <translation>将编辑后的配置保存到文件（其中从不包含 API 密钥）</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>还原(&amp;V)</translation>
    </message>
    <message>
        <source>Go back to the running config (undoable)</source>
        <translation>回到正在运行的配置（可撤销）</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>应用(&amp;A)</translation>
    </message>
    <message>
        <source>Write the config file and use the new chain for the next request (Ctrl+S)</source>
        <translation>写入配置文件，并让下一个请求使用新模型链（Ctrl+S）</translation>
    </message>
    <message>
        <source>Chain settings</source>
        <translation>模型链设置</translation>
    </message>
    <message>
        <source>&amp;Tiers</source>
        <translation>层级(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Providers</source>
        <translation>提供商(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Strategy</source>
        <translation>策略(&amp;S)</translation>
    </message>
    <message>
        <source>Fallback &amp;chain</source>
        <translation>回退模型链(&amp;C)</translation>
    </message>
    <message>
        <source>Fallback chain order</source>
        <translation>回退模型链顺序</translation>
    </message>
    <message>
        <source>Checked tiers are in the chain, the first is the primary. Alt+Up and Alt+Down move the selected tier.</source>
        <translation>勾选的层级属于模型链，第一个为主层级。Alt+Up 和 Alt+Down 可移动所选层级。</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>Try this tier earlier (Alt+Up)</source>
        <translation>更早尝试此层级（Alt+Up）</translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation>下移(&amp;D)</translation>
    </message>
    <message>
        <source>Try this tier later (Alt+Down)</source>
        <translation>更晚尝试此层级（Alt+Down）</translation>
    </message>
    <message>
        <source>Requests start at the top and fall back downwards. Drag tiers or use Move up / Move down; uncheck a tier to take it out of the chain.</source>
        <translation>请求从顶部开始，依次向下回退。可拖动层级或使用“上移”/“下移”；取消勾选某个层级即可将其移出模型链。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Free text, for example high-performance, balanced or cost-effective</source>
        <translation>自由文本，例如“高性能”“均衡”或“高性价比”</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>提供商</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Input $/M</source>
        <translation>输入 $/M</translation>
    </message>
    <message>
        <source>US dollars per million input tokens</source>
        <translation>每百万输入 token 的美元价格</translation>
    </message>
    <message>
        <source>Output $/M</source>
        <translation>输出 $/M</translation>
    </message>
    <message>
        <source>US dollars per million output tokens</source>
        <translation>每百万输出 token 的美元价格</translation>
    </message>
    <message>
        <source>Context window</source>
        <translation>上下文窗口</translation>
    </message>
    <message>
        <source>Tokens the model accepts (input and output)</source>
        <translation>模型可接受的 token 数（输入和输出）</translation>
    </message>
    <message>
        <source>Max output</source>
        <translation>最大输出</translation>
    </message>
    <message>
        <source>Longest answer requested from this tier, in tokens</source>
        <translation>向此层级请求的最长回答，以 token 计</translation>
    </message>
    <message>
        <source>Prefill</source>
        <translation>预填充</translation>
    </message>
    <message>
        <source>The model can continue a partial answer (stream failover policy &quot;continue&quot;)</source>
        <translation>模型可续写不完整的回答（流式故障转移策略 &quot;continue&quot;）</translation>
    </message>
    <message>
        <source>Tiers</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Add tier</source>
        <translation>添加层级</translation>
    </message>
    <message>
        <source>Remove tier</source>
        <translation>移除层级</translation>
    </message>
    <message>
        <source>T&amp;est tier</source>
        <translation>测试层级(&amp;E)</translation>
    </message>
    <message>
        <source>Send a tiny request (at most 16 output tokens) to the selected tier as edited, without failover</source>
        <translation>向所选层级（按编辑后的配置）发送一个极小的请求（最多 16 个输出 token），不进行故障转移</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>openai: any OpenAI-compatible API (OpenAI, OpenRouter, DeepSeek, vLLM, Ollama)</source>
        <translation>openai：任何兼容 OpenAI 的 API（OpenAI、OpenRouter、DeepSeek、vLLM、Ollama）</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>基础 URL</translation>
    </message>
    <message>
        <source>For example https://api.openai.com/v1 (empty for simulated providers)</source>
        <translation>例如 https://api.openai.com/v1（模拟提供商留空）</translation>
    </message>
    <message>
        <source>Auth</source>
        <translation>认证</translation>
    </message>
    <message>
        <source>keychain: the key lives in the OS keychain; env: read from an environment variable; none: local servers</source>
        <translation>keychain：密钥保存在系统钥匙串中；env：从环境变量读取；none：本地服务器</translation>
    </message>
    <message>
        <source>Keychain entry</source>
        <translation>钥匙串条目</translation>
    </message>
    <message>
        <source>The name of the key in the OS keychain (the provider ID when empty). The key itself is never stored in the config.</source>
        <translation>密钥在系统钥匙串中的名称（留空时为提供商 ID）。密钥本身从不存储在配置中。</translation>
    </message>
    <message>
        <source>Key variable</source>
        <translation>密钥变量</translation>
    </message>
    <message>
        <source>With auth env: the environment variable that holds the key</source>
        <translation>认证方式为 env 时：保存密钥的环境变量</translation>
    </message>
    <message>
        <source>Connect ms</source>
        <translation>连接 ms</translation>
    </message>
    <message>
        <source>Request sent to response headers</source>
        <translation>从发出请求到收到响应头</translation>
    </message>
    <message>
        <source>First token ms</source>
        <translation>首个 token ms</translation>
    </message>
    <message>
        <source>Request sent to the first token of the answer</source>
        <translation>从发出请求到收到回答的首个 token</translation>
    </message>
    <message>
        <source>Idle ms</source>
        <translation>空闲 ms</translation>
    </message>
    <message>
        <source>Longest silence between two chunks of a stream</source>
        <translation>流的两个数据块之间最长的静默时间</translation>
    </message>
    <message>
        <source>Streaming</source>
        <translation>流式</translation>
    </message>
    <message>
        <source>Probes</source>
        <translation>探测</translation>
    </message>
    <message>
        <source>Active health probes (a models listing, which costs nothing)</source>
        <translation>主动健康探测（列出模型，不产生费用）</translation>
    </message>
    <message>
        <source>Probe every s</source>
        <translation>探测间隔 s</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>提供商</translation>
    </message>
    <message>
        <source>Add provider</source>
        <translation>添加提供商</translation>
    </message>
    <message>
        <source>Remove provider</source>
        <translation>移除提供商</translation>
    </message>
    <message>
        <source>API keys live only in the OS keychain; the config names the entry, never the key.</source>
        <translation>API 密钥只保存在系统钥匙串中；配置只记录条目名称，从不包含密钥。</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Start the next tier when the first token is late</source>
        <translation>首个 token 迟到时启动下一层级</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Restart on the next tier</source>
        <translation>在下一层级上重新开始</translation>
    </message>
    <message>
        <source>Continue on the next tier</source>
        <translation>在下一层级上继续</translation>
    </message>
    <message>
        <source>Fail (report the answer incomplete)</source>
        <translation>失败（报告回答不完整）</translation>
    </message>
    <message>
        <source>Do not fall back (the refusal stands)</source>
        <translation>不回退（维持拒绝）</translation>
    </message>
    <message>
        <source>Let another tier try</source>
        <translation>让其他层级尝试</translation>
    </message>
    <message>
        <source>Degrade (REDUCED, MINIMAL, FALLBACK) when health is poor</source>
        <translation>健康状况不佳时降级（精简、最低、兜底）</translation>
    </message>
    <message>
        <source>Retries on the same tier</source>
        <translation>在同一层级上重试</translation>
    </message>
    <message>
        <source>Max &amp;retries:</source>
        <translation>最大重试次数(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Backoff factor:</source>
        <translation>退避系数(&amp;B)：</translation>
    </message>
    <message>
        <source>Retry on &amp;HTTP status:</source>
        <translation>重试的 HTTP 状态码(&amp;H)：</translation>
    </message>
    <message>
        <source>Longest &amp;wait:</source>
        <translation>最长等待(&amp;W)：</translation>
    </message>
    <message>
        <source>The whole request</source>
        <translation>整个请求</translation>
    </message>
    <message>
        <source>Time &amp;budget:</source>
        <translation>时间预算(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Latency threshold:</source>
        <translation>延迟阈值(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Hedging:</source>
        <translation>对冲(&amp;H)：</translation>
    </message>
    <message>
        <source>Hedge at most:</source>
        <translation>对冲上限：</translation>
    </message>
    <message>
        <source>Stream cut &amp;mid-answer:</source>
        <translation>回答中途流中断(&amp;M)：</translation>
    </message>
    <message>
        <source>Content-&amp;policy refusal:</source>
        <translation>内容策略拒绝(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Degradation:</source>
        <translation>降级(&amp;D)：</translation>
    </message>
    <message>
        <source>Circuit breaker (per tier)</source>
        <translation>熔断器（每个层级）</translation>
    </message>
    <message>
        <source>Open after &amp;consecutive failures:</source>
        <translation>连续失败达到此次数时打开(&amp;C)：</translation>
    </message>
    <message>
        <source>Or a failure &amp;rate of:</source>
        <translation>或失败率达到(&amp;R)：</translation>
    </message>
    <message>
        <source>Over the last (&amp;window):</source>
        <translation>统计最近的次数（窗口）(&amp;W)：</translation>
    </message>
    <message>
        <source>Once at least (mi&amp;nimum):</source>
        <translation>且至少已有次数（最小值）(&amp;N)：</translation>
    </message>
    <message>
        <source>C&amp;ooldown:</source>
        <translation>冷却(&amp;O)：</translation>
    </message>
    <message>
        <source>Cooldown for &amp;quota/auth errors:</source>
        <translation>配额/认证错误的冷却(&amp;Q)：</translation>
    </message>
    <message>
        <source>Share of the last minute&apos;s requests that may start a hedge</source>
        <translation>最近一分钟的请求中可发起对冲的比例</translation>
    </message>
    <message>
        <source>When the first token is later than this, the next tier starts too</source>
        <translation>首个 token 晚于此时间时，同时启动下一层级</translation>
    </message>
    <message>
        <source>One deadline over every tier, retry and wait of a request</source>
        <translation>覆盖一个请求的所有层级、重试和等待的单一截止时间</translation>
    </message>
    <message>
        <source>Change %1</source>
        <translation>更改%1</translation>
    </message>
    <message>
        <source>max retries</source>
        <translation>最大重试次数</translation>
    </message>
    <message>
        <source>longest wait</source>
        <translation>最长等待</translation>
    </message>
    <message>
        <source>latency threshold</source>
        <translation>延迟阈值</translation>
    </message>
    <message>
        <source>hedging share</source>
        <translation>对冲比例</translation>
    </message>
    <message>
        <source>time budget</source>
        <translation>时间预算</translation>
    </message>
    <message>
        <source>breaker threshold</source>
        <translation>熔断器阈值</translation>
    </message>
    <message>
        <source>breaker failure rate</source>
        <translation>熔断器失败率</translation>
    </message>
    <message>
        <source>breaker window</source>
        <translation>熔断器窗口</translation>
    </message>
    <message>
        <source>breaker minimum</source>
        <translation>熔断器最小值</translation>
    </message>
    <message>
        <source>breaker cooldown</source>
        <translation>熔断器冷却</translation>
    </message>
    <message>
        <source>long cooldown</source>
        <translation>长冷却</translation>
    </message>
    <message>
        <source>Change backoff factor</source>
        <translation>更改退避系数</translation>
    </message>
    <message>
        <source>Enter HTTP status codes from 100 to 599, separated by commas</source>
        <translation>请输入 100 到 599 之间的 HTTP 状态码，以逗号分隔</translation>
    </message>
    <message>
        <source>Change retry statuses</source>
        <translation>更改重试状态码</translation>
    </message>
    <message>
        <source>Turn hedging on</source>
        <translation>开启对冲</translation>
    </message>
    <message>
        <source>Turn hedging off</source>
        <translation>关闭对冲</translation>
    </message>
    <message>
        <source>Turn degradation on</source>
        <translation>开启降级</translation>
    </message>
    <message>
        <source>Turn degradation off</source>
        <translation>关闭降级</translation>
    </message>
    <message>
        <source>Change stream failover</source>
        <translation>更改流式故障转移</translation>
    </message>
    <message>
        <source>Change content policy</source>
        <translation>更改内容策略</translation>
    </message>
    <message>
        <source>The chain is empty: check at least one tier.</source>
        <translation>模型链为空：请至少勾选一个层级。</translation>
    </message>
    <message>
        <source>Not valid: %1</source>
        <translation>无效：%1</translation>
    </message>
    <message>
        <source>Not valid: %1: %2</source>
        <translation>无效：%1：%2</translation>
    </message>
    <message>
        <source>config</source>
        <translation>配置</translation>
    </message>
    <message numerus="yes">
        <source>Edited: apply to use it (%n change(s) to undo)</source>
        <translation>
            <numerusform>已编辑：应用后生效（可撤销 %n 处更改）</numerusform>
        </translation>
    </message>
    <message>
        <source>This is the running chain.</source>
        <translation>这是正在运行的模型链。</translation>
    </message>
    <message>
        <source>Fix the problem shown first: an invalid config cannot be exported</source>
        <translation>请先修复显示的问题：无效的配置无法导出</translation>
    </message>
    <message>
        <source>Fix the problem shown first: a tier is tested as edited</source>
        <translation>请先修复显示的问题：层级按编辑后的配置进行测试</translation>
    </message>
    <message>
        <source>Built-in simulated chain (no config file loaded)</source>
        <translation>内置模拟模型链（未加载配置文件）</translation>
    </message>
    <message>
        <source>Config file: %1</source>
        <translation>配置文件：%1</translation>
    </message>
    <message>
        <source>The running config changed (the file was edited outside Understudy). Your edits are kept: Revert to take the new config, or Apply to replace it.</source>
        <translation>正在运行的配置已更改（该文件在 Understudy 之外被编辑）。您的编辑已保留：点击“还原”采用新配置，或点击“应用”将其替换。</translation>
    </message>
    <message>
        <source>Add tier %1</source>
        <translation>添加层级 %1</translation>
    </message>
    <message>
        <source>Remove tier %1</source>
        <translation>移除层级 %1</translation>
    </message>
    <message>
        <source>Add provider %1</source>
        <translation>添加提供商 %1</translation>
    </message>
    <message>
        <source>Remove provider %1</source>
        <translation>移除提供商 %1</translation>
    </message>
    <message>
        <source>Not applied: %1</source>
        <translation>未应用：%1</translation>
    </message>
    <message>
        <source>Applied: new requests use this chain; requests in flight finish on the old one.</source>
        <translation>已应用：新请求将使用此模型链；进行中的请求仍在旧模型链上完成。</translation>
    </message>
    <message>
        <source>Revert to the running config</source>
        <translation>还原为正在运行的配置</translation>
    </message>
    <message>
        <source>Not imported, nothing changed: %1</source>
        <translation>未导入，未做任何更改：%1</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <source>Imported %1 into the editor: Apply to run it, Undo to drop it.</source>
        <translation>已将 %1 导入编辑器：点击“应用”运行，点击“撤销”放弃。</translation>
    </message>
    <message>
        <source>Not exported: %1</source>
        <translation>未导出：%1</translation>
    </message>
    <message>
        <source>Exported to %1 (no API keys: they stay in the keychain).</source>
        <translation>已导出到 %1（不含 API 密钥：它们保留在钥匙串中）。</translation>
    </message>
    <message>
        <source>Import config</source>
        <translation>导入配置</translation>
    </message>
    <message>
        <source>Understudy config (*.json);;All files (*)</source>
        <translation>Understudy 配置 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export config</source>
        <translation>导出配置</translation>
    </message>
    <message>
        <source>Understudy config (*.json)</source>
        <translation>Understudy 配置 (*.json)</translation>
    </message>
    <message>
        <source>Testing %1…</source>
        <translation>正在测试 %1…</translation>
    </message>
    <message>
        <source>%1 answered in %2 ms (first token %3 ms) with %4: “%5”, %6 in / %7 out tokens, cost %8</source>
        <translation>%1 在 %2 ms 内回答（首个 token %3 ms），模型 %4：“%5”，输入 %6 / 输出 %7 token，成本 %8</translation>
    </message>
    <message>
        <source>, HTTP %1</source>
        <translation>，HTTP %1</translation>
    </message>
    <message>
        <source>%1 failed after %2 ms: %3%4. %5</source>
        <translation>%1 在 %2 ms 后失败：%3%4。%5</translation>
    </message>
    <message>
        <source>%1 (price table)</source>
        <translation>%1（价格表）</translation>
    </message>
    <message>
        <source>not priced</source>
        <translation>未定价</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>History kept</source>
        <translation>历史记录保留</translation>
    </message>
    <message>
        <source>Every event and &amp;sample:</source>
        <translation>每条事件和样本(&amp;S)：</translation>
    </message>
    <message>
        <source>Latency per &amp;minute:</source>
        <translation>每分钟延迟(&amp;M)：</translation>
    </message>
    <message>
        <source>Latency per &amp;hour:</source>
        <translation>每小时延迟(&amp;H)：</translation>
    </message>
    <message>
        <source>Events, latency samples and spend records, one row each. Spend per day is kept for ever.</source>
        <translation>事件、延迟样本和花费记录，每条一行。每日花费永久保留。</translation>
    </message>
    <message>
        <source>history kept</source>
        <translation>历史记录保留时长</translation>
    </message>
    <message>
        <source>latency per minute kept</source>
        <translation>每分钟延迟保留时长</translation>
    </message>
    <message>
        <source>latency per hour kept</source>
        <translation>每小时延迟保留时长</translation>
    </message>
</context>
<context>
    <name>ChainOrderModel</name>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>(no model)</source>
        <translation>（无模型）</translation>
    </message>
    <message>
        <source>%1 · no such tier</source>
        <translation>%1 · 无此层级</translation>
    </message>
    <message>
        <source>%1, not in the chain</source>
        <translation>%1，不在模型链中</translation>
    </message>
    <message>
        <source>Primary: %1</source>
        <translation>主层级：%1</translation>
    </message>
    <message>
        <source>Fallback %1: %2</source>
        <translation>备用层级 %1：%2</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%2 上的 %1</translation>
    </message>
    <message>
        <source>Not in the chain: check it to add it at the end</source>
        <translation>不在模型链中：勾选即可将其添加到末尾</translation>
    </message>
    <message>
        <source>Primary tier: every request starts here</source>
        <translation>主层级：每个请求都从这里开始</translation>
    </message>
    <message>
        <source>Fallback %1: tried when the tiers above fail</source>
        <translation>备用层级 %1：上方层级失败时尝试</translation>
    </message>
    <message>
        <source>Add %1 to the chain</source>
        <translation>将 %1 添加到模型链</translation>
    </message>
    <message>
        <source>Remove %1 from the chain</source>
        <translation>从模型链中移除 %1</translation>
    </message>
    <message>
        <source>Move %1</source>
        <translation>移动 %1</translation>
    </message>
    <message numerus="yes">
        <source>Move %n tiers</source>
        <translation>
            <numerusform>移动 %n 个层级</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChatPane</name>
    <message>
        <source>Search conversations</source>
        <translation>搜索对话</translation>
    </message>
    <message>
        <source>Search titles and text (Ctrl+F)</source>
        <translation>搜索标题和正文（Ctrl+F）</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>F2 renames, Delete deletes (Ctrl+Z undoes)</source>
        <translation>F2 重命名，Delete 删除（Ctrl+Z 撤销）</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>Start a new conversation (Ctrl+N)</source>
        <translation>开始新对话（Ctrl+N）</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>置顶</translation>
    </message>
    <message>
        <source>Keep this conversation at the top of the list</source>
        <translation>将此对话固定在列表顶部</translation>
    </message>
    <message>
        <source>Pin conversation</source>
        <translation>置顶对话</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Delete this conversation (it can be undone)</source>
        <translation>删除此对话（可撤销）</translation>
    </message>
    <message>
        <source>Conversation deleted.</source>
        <translation>对话已删除。</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Bring the deleted conversation back (Ctrl+Z)</source>
        <translation>恢复已删除的对话（Ctrl+Z）</translation>
    </message>
    <message>
        <source>Conversation transcript</source>
        <translation>对话记录</translation>
    </message>
    <message>
        <source>Answer details</source>
        <translation>回答详情</translation>
    </message>
    <message>
        <source>Fallback</source>
        <translation>备用层级</translation>
    </message>
    <message>
        <source>Answered by a fallback tier: show attempts</source>
        <translation>由备用层级回答：显示尝试记录</translation>
    </message>
    <message>
        <source>A fallback tier answered. Click to show the attempts and switches.</source>
        <translation>由备用层级作答。点击显示尝试和切换记录。</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <source>Optional system prompt for this conversation</source>
        <translation>此对话的系统提示词（可选）</translation>
    </message>
    <message>
        <source>Request priority</source>
        <translation>请求优先级</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>普通</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Start at tier</source>
        <translation>起始层级</translation>
    </message>
    <message>
        <source>Start the chain at another tier; it still falls back along the rest</source>
        <translation>从其他层级开始模型链；仍会沿其余层级回退</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Ask something… (Ctrl+Enter sends, Esc stops)</source>
        <translation>输入问题…（Ctrl+Enter 发送，Esc 停止）</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>发送(&amp;S)</translation>
    </message>
    <message>
        <source>Send the prompt (Ctrl+Enter)</source>
        <translation>发送提示词（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Stop the answer and cancel the upstream request (Esc)</source>
        <translation>停止回答并取消上游请求（Esc）</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>重试(&amp;R)</translation>
    </message>
    <message>
        <source>Ask again for the last, incomplete answer</source>
        <translation>重新请求上一个不完整的回答</translation>
    </message>
    <message>
        <source>S&amp;ystem prompt:</source>
        <translation>系统提示词(&amp;Y)：</translation>
    </message>
    <message>
        <source>Start &amp;at:</source>
        <translation>起始层级(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Priority:</source>
        <translation>优先级(&amp;P)：</translation>
    </message>
    <message>
        <source>Copied %1 to the clipboard.</source>
        <translation>已将%1复制到剪贴板。</translation>
    </message>
    <message>
        <source>Answering…</source>
        <translation>正在回答…</translation>
    </message>
    <message>
        <source>Streaming from %1 (first token after %2 ms)…</source>
        <translation>正在从 %1 流式接收（首个 token 用时 %2 ms）…</translation>
    </message>
    <message>
        <source>The answer from %1 failed mid-stream (%2); restarted on the next tier.</source>
        <translation>%1 的回答在流式传输中途失败（%2）；已在下一层级重新开始。</translation>
    </message>
    <message>
        <source>The conversation could not be saved: %1</source>
        <translation>无法保存对话：%1</translation>
    </message>
    <message>
        <source>Primary (whole chain)</source>
        <translation>主层级（完整模型链）</translation>
    </message>
    <message>
        <source>Waiting for the first token…</source>
        <translation>正在等待首个 token…</translation>
    </message>
    <message>
        <source>Asking again…</source>
        <translation>正在重新请求…</translation>
    </message>
    <message>
        <source>FROM THE RESPONSE CACHE, not a model</source>
        <translation>来自响应缓存，并非模型回答</translation>
    </message>
    <message>
        <source>FROM AN OPERATOR RULE, not a model</source>
        <translation>来自运维规则，并非模型回答</translation>
    </message>
    <message>
        <source>INCOMPLETE: %1</source>
        <translation>不完整：%1</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>first token %1 ms</source>
        <translation>首个 token %1 ms</translation>
    </message>
    <message>
        <source>%1 in / %2 out tokens%3</source>
        <translation>输入 %1 / 输出 %2 token%3</translation>
    </message>
    <message>
        <source> (estimated)</source>
        <translation>（估算）</translation>
    </message>
    <message>
        <source>level %1</source>
        <translation>级别 %1</translation>
    </message>
    <message numerus="yes">
        <source>context trimmed (%n earlier message(s) left out)</source>
        <translation>
            <numerusform>上下文已裁剪（省略了 %n 条较早的消息）</numerusform>
        </translation>
    </message>
    <message>
        <source>hedged</source>
        <translation>已对冲</translation>
    </message>
    <message>
        <source>Fallback: %1</source>
        <translation>备用层级：%1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>尝试</translation>
    </message>
</context>
<context>
    <name>CircuitBreaker</name>
    <message>
        <source>closed</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>half-open</source>
        <translation>半开</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>Alert sinks (Slack, PagerDuty, webhooks, banner, tray) as set in Tools &gt; Alerts. Webhook URLs and PagerDuty routing keys live in the OS keychain only.
  alerts list               the sinks, what each takes, and whether its secret is set
  alerts set-secret SINK    read the sink&apos;s URL or routing key from standard input (no echo)
  alerts test SINK          send a test alert to one HTTP sink and wait for the answer
Exit status: 0 done, 1 failed (the reason says what to do), 2 bad arguments.</source>
        <translation>告警通道（Slack、PagerDuty、webhook、横幅、托盘）在“工具 &gt; 告警”中设置。Webhook URL 和 PagerDuty 路由密钥仅保存在系统钥匙串中。
  alerts list               列出告警通道、各自接收的告警类型，以及其凭据是否已设置
  alerts set-secret SINK    从标准输入读取该告警通道的 URL 或路由密钥（不回显）
  alerts test SINK          向一个 HTTP 告警通道发送测试告警并等待响应
退出状态：0 完成，1 失败（原因中会说明如何处理），2 参数错误。</translation>
    </message>
    <message>
        <source>Use the alert settings FILE (default: %1).</source>
        <translation>使用告警设置文件 FILE（默认：%1）。</translation>
    </message>
    <message>
        <source>list, set-secret or test</source>
        <translation>list、set-secret 或 test</translation>
    </message>
    <message>
        <source>The sink id (see alerts list)</source>
        <translation>告警通道 ID（见 alerts list）</translation>
    </message>
    <message>
        <source>usage: understudy-cli alerts list|set-secret SINK|test SINK</source>
        <translation>用法：understudy-cli alerts list|set-secret SINK|test SINK</translation>
    </message>
    <message>
        <source>error: </source>
        <translation>错误：</translation>
    </message>
    <message>
        <source>error: no sink &quot;%1&quot; in %2</source>
        <translation>错误：%2 中没有告警通道 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>error: &quot;%1&quot; is shown by the app itself; only Slack, PagerDuty and webhook sinks have a secret and can be tested here</source>
        <translation>错误：&quot;%1&quot; 由应用自身显示；只有 Slack、PagerDuty 和 webhook 告警通道有凭据，并可在此测试</translation>
    </message>
    <message>
        <source>on </source>
        <translation>启用</translation>
    </message>
    <message>
        <source>off</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>secret set (%1)</source>
        <translation>凭据已设置（%1）</translation>
    </message>
    <message>
        <source>no secret: alerts to it fail until one is set</source>
        <translation>未设置凭据：设置之前，发往此通道的告警都会失败</translation>
    </message>
    <message>
        <source>unknown: %1</source>
        <translation>状态未知：%1</translation>
    </message>
    <message>
        <source>Paste the routing key, then press Enter: </source>
        <translation>粘贴路由密钥，然后按 Enter：</translation>
    </message>
    <message>
        <source>Paste the webhook URL, then press Enter: </source>
        <translation>粘贴 webhook URL，然后按 Enter：</translation>
    </message>
    <message>
        <source>error: nothing was given on standard input</source>
        <translation>错误：标准输入中没有任何内容</translation>
    </message>
    <message>
        <source>error: the URL is not used: %1</source>
        <translation>错误：该 URL 未被采用：%1</translation>
    </message>
    <message>
        <source>%1: stored in the keychain (%2)</source>
        <translation>%1：已存入系统钥匙串（%2）</translation>
    </message>
    <message>
        <source>error: not stored: %1</source>
        <translation>错误：未保存：%1</translation>
    </message>
    <message>
        <source>%1: test alert delivered (attempts: %2)</source>
        <translation>%1：测试告警已送达（尝试次数：%2）</translation>
    </message>
    <message>
        <source>%1: attempt %2 failed (%3); retrying in %4 ms</source>
        <translation>%1：第 %2 次尝试失败（%3）；%4 ms 后重试</translation>
    </message>
    <message>
        <source>%1: test alert not delivered: %2</source>
        <translation>%1：测试告警未送达：%2</translation>
    </message>
    <message>
        <source>Send one chat request through the failover chain and print the answer.</source>
        <translation>通过故障转移模型链发送一条聊天请求并输出回答。</translation>
    </message>
    <message>
        <source>Use the config FILE.</source>
        <translation>使用配置文件 FILE。</translation>
    </message>
    <message>
        <source>The user message (&quot;-&quot; reads it from standard input).</source>
        <translation>用户消息（&quot;-&quot; 表示从标准输入读取）。</translation>
    </message>
    <message>
        <source>A system prompt.</source>
        <translation>系统提示词。</translation>
    </message>
    <message>
        <source>Print the answer as it streams.</source>
        <translation>在回答流式到达时实时输出。</translation>
    </message>
    <message>
        <source>Print the whole result as JSON.</source>
        <translation>以 JSON 格式输出完整结果。</translation>
    </message>
    <message>
        <source>Start the chain at TIER (it still falls back along the rest).</source>
        <translation>从 TIER 层级开始模型链（仍会沿其余层级回退）。</translation>
    </message>
    <message>
        <source>Use only the first tier: no failover.</source>
        <translation>只使用第一个层级：不进行故障转移。</translation>
    </message>
    <message>
        <source>Cap the answer at N tokens.</source>
        <translation>回答最多 N 个 token。</translation>
    </message>
    <message>
        <source>Request priority: high, normal or low.</source>
        <translation>请求优先级：high、normal 或 low。</translation>
    </message>
    <message>
        <source>Pin the degradation level: full, reduced, minimal or fallback.</source>
        <translation>锁定降级级别：full、reduced、minimal 或 fallback。</translation>
    </message>
    <message>
        <source>error: cannot read standard input</source>
        <translation>错误：无法读取标准输入</translation>
    </message>
    <message>
        <source>error: --prompt TEXT is required (see understudy-cli chat --help)</source>
        <translation>错误：必须提供 --prompt TEXT（参见 understudy-cli chat --help）</translation>
    </message>
    <message>
        <source>error: --priority is high, normal or low</source>
        <translation>错误：--priority 只能是 high、normal 或 low</translation>
    </message>
    <message>
        <source>error: --level is full, reduced, minimal or fallback</source>
        <translation>错误：--level 只能是 full、reduced、minimal 或 fallback</translation>
    </message>
    <message>
        <source>error: no tier named &quot;%1&quot; in the chain (%2)</source>
        <translation>错误：模型链中没有名为 &quot;%1&quot; 的层级（%2）</translation>
    </message>
    <message>
        <source>[the answer from %1 failed mid-stream (%2); restarting on the next tier]</source>
        <translation>[%1 的回答在流式传输中途失败（%2）；正在下一层级重新开始]</translation>
    </message>
    <message>
        <source>error: no complete answer: %1</source>
        <translation>错误：没有完整的回答：%1</translation>
    </message>
    <message>
        <source>Price table %1. Amounts per month in USD, exact; rounded half away from zero to the cent.</source>
        <translation>价格表 %1。金额为每月美元数，精确计算；按四舍五入（远离零）保留到美分。</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>Projected</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Savings</source>
        <translation>节省</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>节省率</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Total in CNY at %1</source>
        <translation>人民币合计（汇率 %1）</translation>
    </message>
    <message>
        <source>Projection over %1 months, volume growing %2 % a month (compounding), migration cost %3:</source>
        <translation>%1 个月预测，用量每月增长 %2 %（复利），迁移成本 %3：</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Cumulative</source>
        <translation>累计</translation>
    </message>
    <message>
        <source>Break-even: month %1.</source>
        <translation>回本点：第 %1 个月。</translation>
    </message>
    <message>
        <source>Break-even: not within %1 months.</source>
        <translation>回本点：%1 个月内无法回本。</translation>
    </message>
    <message>
        <source>warning: </source>
        <translation>警告：</translation>
    </message>
    <message>
        <source>Work out what a provider migration saves: the scenario&apos;s rows now and at the projected prices,
the total, a projection over N months and the break-even month of a one-time migration cost.
The same code as the Cost view. Exit status: 0 done, 1 some rows could not be priced, 2 bad
arguments or scenario.</source>
        <translation>计算提供商迁移能节省多少：场景中各行按当前价格和预计价格计算的费用、
合计、N 个月的预测，以及一次性迁移成本的回本月份。
与成本视图使用同一套代码。退出状态：0 完成，1 部分行无法计价，2 参数
或场景有误。</translation>
    </message>
    <message>
        <source>Use the config FILE (its tier prices override the price table).</source>
        <translation>使用配置文件 FILE（其中的层级价格优先于价格表）。</translation>
    </message>
    <message>
        <source>The scenario FILE (JSON, or CSV as exported).</source>
        <translation>场景文件 FILE（JSON，或导出的 CSV）。</translation>
    </message>
    <message>
        <source>Project over N months (1-120).</source>
        <translation>预测 N 个月（1-120）。</translation>
    </message>
    <message>
        <source>Monthly volume growth in percent (e.g. 5 or -2.5).</source>
        <translation>每月用量增长百分比（例如 5 或 -2.5）。</translation>
    </message>
    <message>
        <source>One-time migration cost in USD.</source>
        <translation>一次性迁移成本（美元）。</translation>
    </message>
    <message>
        <source>Use the price table FILE (default: your edited table, else the shipped one).</source>
        <translation>使用价格表文件 FILE（默认：已编辑的价格表，否则为随附的价格表）。</translation>
    </message>
    <message>
        <source>Print the results as JSON.</source>
        <translation>以 JSON 格式输出结果。</translation>
    </message>
    <message>
        <source>Print the scenario and results as CSV.</source>
        <translation>以 CSV 格式输出场景和结果。</translation>
    </message>
    <message>
        <source>error: --scenario FILE is required</source>
        <translation>错误：必须提供 --scenario FILE</translation>
    </message>
    <message>
        <source>error: choose --json or --csv, not both</source>
        <translation>错误：--json 和 --csv 只能选择其一</translation>
    </message>
    <message>
        <source>error: --months must be a whole number from 1 to %1</source>
        <translation>错误：--months 必须是 1 到 %1 之间的整数</translation>
    </message>
    <message>
        <source>error: --growth must be a percentage from -100 to 100</source>
        <translation>错误：--growth 必须是 -100 到 100 之间的百分比</translation>
    </message>
    <message>
        <source>error: --migration-cost must be an amount in USD like 1500 or 99.90</source>
        <translation>错误：--migration-cost 必须是以美元计的金额，例如 1500 或 99.90</translation>
    </message>
    <message>
        <source>error: %1: %2</source>
        <translation>错误：%1：%2</translation>
    </message>
    <message>
        <source>warning: your price table is not used: %1</source>
        <translation>警告：未使用已编辑的价格表：%1</translation>
    </message>
    <message>
        <source>Drill request %1: reply in one short sentence.</source>
        <translation>演练请求 %1：请用一句简短的话回答。</translation>
    </message>
    <message>
        <source>request %1 answered by %2 in %3 ms</source>
        <translation>请求 %1 由 %2 回答，用时 %3 ms</translation>
    </message>
    <message>
        <source> (fell back: failed attempts %1)</source>
        <translation>（已回退：失败的尝试 %1）</translation>
    </message>
    <message>
        <source>request %1 FAILED after %2 ms: %3</source>
        <translation>请求 %1 在 %2 ms 后失败：%3</translation>
    </message>
    <message>
        <source>Summary: %1 of %2 requests answered (%3 after a failover); answered by: %4.</source>
        <translation>汇总：%2 个请求中有 %1 个得到回答（其中 %3 个经过故障转移）；回答者：%4。</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Latency p50 %1 ms, p95 %2 ms. Breaker of %3 at the end: %4.</source>
        <translation>延迟 p50 %1 ms，p95 %2 ms。结束时 %3 的熔断器：%4。</translation>
    </message>
    <message>
        <source>Run an outage drill headless: inject a fault into one tier (in the engine&apos;s transport: during an
outage the provider is not called), send requests through the chain while it lasts and a few
after, and print the timeline: requests, switches, breaker changes, level changes.
Exit status: 0 every request was answered, 1 some were not, 2 bad arguments, 3 error.</source>
        <translation>以无界面方式运行中断演练：向一个层级注入故障（在引擎的传输层中进行：中断期间
不会调用提供商），在演练持续期间通过模型链发送请求，结束后再发送几个，
并输出时间线：请求、切换、熔断器变化、级别变化。
退出状态：0 所有请求均得到回答，1 部分请求未得到回答，2 参数错误，3 出错。</translation>
    </message>
    <message>
        <source>The tier to drill (default: the primary).</source>
        <translation>要演练的层级（默认：主层级）。</translation>
    </message>
    <message>
        <source>outage, status, latency, slow-first-token, cut or stall (default outage).</source>
        <translation>outage、status、latency、slow-first-token、cut 或 stall（默认 outage）。</translation>
    </message>
    <message>
        <source>status: the HTTP status to answer (default 503).</source>
        <translation>status：要返回的 HTTP 状态码（默认 503）。</translation>
    </message>
    <message>
        <source>status: a Retry-After to send, in seconds (default none).</source>
        <translation>status：要发送的 Retry-After 秒数（默认不发送）。</translation>
    </message>
    <message>
        <source>latency, slow-first-token: the delay (default 2000).</source>
        <translation>latency、slow-first-token：延迟时长（默认 2000）。</translation>
    </message>
    <message>
        <source>cut, stall: stream chunks before the fault (default 3).</source>
        <translation>cut、stall：故障发生前发送的流数据块数（默认 3）。</translation>
    </message>
    <message>
        <source>How long the drill lasts (default 10).</source>
        <translation>演练持续时长（默认 10）。</translation>
    </message>
    <message>
        <source>Pause between one answer and the next request (default 500).</source>
        <translation>一次回答与下一次请求之间的间隔（默认 500）。</translation>
    </message>
    <message>
        <source>Requests to send after the drill ended (default 2).</source>
        <translation>演练结束后要发送的请求数（默认 2）。</translation>
    </message>
    <message>
        <source>Print the timeline and summary as JSON.</source>
        <translation>以 JSON 格式输出时间线和汇总。</translation>
    </message>
    <message>
        <source>error: --%1 must be a number from %2 to %3</source>
        <translation>错误：--%1 必须是 %2 到 %3 之间的数字</translation>
    </message>
    <message>
        <source>error: unknown --fault &quot;%1&quot;</source>
        <translation>错误：未知的 --fault &quot;%1&quot;</translation>
    </message>
    <message>
        <source>error: no tier named &quot;%1&quot; in the config</source>
        <translation>错误：配置中没有名为 &quot;%1&quot; 的层级</translation>
    </message>
    <message>
        <source>%1 ended: %2</source>
        <translation>%1 已结束：%2</translation>
    </message>
    <message>
        <source>%1 started: %2</source>
        <translation>%1 已开始：%2</translation>
    </message>
    <message>
        <source>Serve the failover chain as an OpenAI-compatible endpoint: POST /v1/chat/completions, GET /v1/models, GET /healthz, GET /metrics. Stops on Ctrl+C.</source>
        <translation>将故障转移模型链作为 OpenAI 兼容端点提供服务：POST /v1/chat/completions、GET /v1/models、GET /healthz、GET /metrics。按 Ctrl+C 停止。</translation>
    </message>
    <message>
        <source>Listen on HOST:PORT (default 127.0.0.1:8088; port 0 picks a free one).</source>
        <translation>监听 HOST:PORT（默认 127.0.0.1:8088；端口为 0 时自动选择空闲端口）。</translation>
    </message>
    <message>
        <source>Allow a non-loopback address. Other hosts can then reach the gateway, so a token is required.</source>
        <translation>允许非回环地址。此时其他主机可以访问网关，因此必须设置 token。</translation>
    </message>
    <message>
        <source>Require &quot;Authorization: Bearer &lt;token&gt;&quot;, the token read from the environment variable VAR (default: UNDERSTUDY_GATEWAY_TOKEN when it is set).</source>
        <translation>要求 &quot;Authorization: Bearer &lt;token&gt;&quot;，token 从环境变量 VAR 读取（默认：已设置时使用 UNDERSTUDY_GATEWAY_TOKEN）。</translation>
    </message>
    <message>
        <source>Read the required bearer token from FILE.</source>
        <translation>从 FILE 读取所需的 Bearer token。</translation>
    </message>
    <message>
        <source>Largest request body in bytes (default 4 MiB).</source>
        <translation>请求体的最大字节数（默认 4 MiB）。</translation>
    </message>
    <message>
        <source>Print a line per request.</source>
        <translation>每个请求输出一行。</translation>
    </message>
    <message>
        <source>error: --listen wants HOST:PORT, for example 127.0.0.1:8088</source>
        <translation>错误：--listen 需要 HOST:PORT，例如 127.0.0.1:8088</translation>
    </message>
    <message>
        <source>error: cannot read the token file: %1</source>
        <translation>错误：无法读取 token 文件：%1</translation>
    </message>
    <message>
        <source>error: the environment variable %1 is empty or not set</source>
        <translation>错误：环境变量 %1 为空或未设置</translation>
    </message>
    <message>
        <source>config not applied, the previous chain stays in force: %1</source>
        <translation>配置未应用，先前的模型链继续生效：%1</translation>
    </message>
    <message>
        <source>degradation level %1 -&gt; %2: %3</source>
        <translation>降级级别 %1 -&gt; %2：%3</translation>
    </message>
    <message>
        <source>Understudy gateway on http://%1/v1 (config %2%3). Ctrl+C stops.</source>
        <translation>Understudy 网关位于 http://%1/v1（配置 %2%3）。按 Ctrl+C 停止。</translation>
    </message>
    <message>
        <source>, bearer token required</source>
        <translation>，需要 Bearer token</translation>
    </message>
    <message>
        <source>stopping the gateway</source>
        <translation>正在停止网关</translation>
    </message>
    <message>
        <source>Probe the chain&apos;s providers (a models listing: no tokens, no cost) and print the system status:
healthy, degraded or critical, with reasons and the recommended tier.
Exit status: 0 healthy, 1 degraded, 2 critical, 3 the check itself failed.</source>
        <translation>探测模型链中的提供商（请求模型列表：不消耗 token，不产生费用）并输出系统状态：
健康、降级或严重，并附带原因和推荐层级。
退出状态：0 健康，1 降级，2 严重，3 检查本身失败。</translation>
    </message>
    <message>
        <source>Print the health as JSON.</source>
        <translation>以 JSON 格式输出健康状况。</translation>
    </message>
    <message>
        <source>Also probe providers whose probes are off in the config (paid ones).</source>
        <translation>同时探测在配置中关闭了探测的提供商（付费提供商）。</translation>
    </message>
    <message>
        <source>Do not probe; report breaker states only.</source>
        <translation>不进行探测；只报告熔断器状态。</translation>
    </message>
    <message>
        <source>System: %1</source>
        <translation>系统：%1</translation>
    </message>
    <message>
        <source> (recommended tier: %1)</source>
        <translation>（推荐层级：%1）</translation>
    </message>
    <message>
        <source>not probed</source>
        <translation>未探测</translation>
    </message>
    <message>
        <source>probe ok in %1 ms</source>
        <translation>探测成功，用时 %1 ms</translation>
    </message>
    <message>
        <source>probe failed: %1</source>
        <translation>探测失败：%1</translation>
    </message>
    <message>
        <source>Reasons:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>API keys in the OS keychain (%1 on this system). Keys are never written to a file, printed or logged.
  keys list              which providers have a key (a masked suffix at most)
  keys set PROVIDER      read the key from standard input (no echo) and store it
  keys delete PROVIDER   remove the key
  keys test [PROVIDER]   the cheapest authenticated call: accepted, rejected or unreachable
Exit status: 0 done, 1 failed (the reason says what to do), 2 bad arguments.</source>
        <translation>系统钥匙串中的 API 密钥（本系统上为 %1）。密钥从不写入文件、打印或记入日志。
  keys list              列出哪些提供商已有密钥（最多显示打码后的末尾几位）
  keys set PROVIDER      从标准输入读取密钥（不回显）并保存
  keys delete PROVIDER   删除密钥
  keys test [PROVIDER]   发起开销最小的认证调用：已接受、已拒绝或无法连接
退出状态：0 完成，1 失败（原因中会说明如何处理），2 参数错误。</translation>
    </message>
    <message>
        <source>list, set, delete or test</source>
        <translation>list、set、delete 或 test</translation>
    </message>
    <message>
        <source>The provider id from the config</source>
        <translation>配置中的提供商 ID</translation>
    </message>
    <message>
        <source>usage: understudy-cli keys list|set PROVIDER|delete PROVIDER|test [PROVIDER]</source>
        <translation>用法：understudy-cli keys list|set PROVIDER|delete PROVIDER|test [PROVIDER]</translation>
    </message>
    <message>
        <source>error: no provider &quot;%1&quot; in the config</source>
        <translation>错误：配置中没有提供商 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>error: provider &quot;%1&quot; does not take its key from the keychain (auth is not &quot;keychain&quot;)</source>
        <translation>错误：提供商 &quot;%1&quot; 不从系统钥匙串获取密钥（auth 不是 &quot;keychain&quot;）</translation>
    </message>
    <message>
        <source>Paste the key, then press Enter (it is not shown): </source>
        <translation>粘贴密钥，然后按 Enter（不会显示）：</translation>
    </message>
    <message>
        <source>error: no key was given on standard input</source>
        <translation>错误：标准输入中没有提供密钥</translation>
    </message>
    <message>
        <source>%1: key stored in the keychain (%2)</source>
        <translation>%1：密钥已存入系统钥匙串（%2）</translation>
    </message>
    <message>
        <source>error: the key was not stored: %1</source>
        <translation>错误：密钥未保存：%1</translation>
    </message>
    <message>
        <source>%1: no key in the keychain now</source>
        <translation>%1：系统钥匙串中现已没有密钥</translation>
    </message>
    <message>
        <source>error: the key was not deleted: %1</source>
        <translation>错误：密钥未删除：%1</translation>
    </message>
    <message>
        <source>no key needed</source>
        <translation>无需密钥</translation>
    </message>
    <message>
        <source>from the environment variable %1</source>
        <translation>来自环境变量 %1</translation>
    </message>
    <message>
        <source>environment variable %1 is not set</source>
        <translation>环境变量 %1 未设置</translation>
    </message>
    <message>
        <source>set in the keychain (%1)</source>
        <translation>已存入系统钥匙串（%1）</translation>
    </message>
    <message>
        <source>no key</source>
        <translation>无密钥</translation>
    </message>
    <message>
        <source>error: no tier uses this provider, so there is no model to test with</source>
        <translation>错误：没有层级使用此提供商，因此没有可用于测试的模型</translation>
    </message>
    <message>
        <source>accepted (%1 ms)</source>
        <translation>已接受（%1 ms）</translation>
    </message>
    <message>
        <source>rejected: %1</source>
        <translation>已拒绝：%1</translation>
    </message>
    <message>
        <source>unreachable or failing: %1</source>
        <translation>无法连接或出错：%1</translation>
    </message>
    <message>
        <source>Send one request through the failover chain</source>
        <translation>通过故障转移模型链发送一条请求</translation>
    </message>
    <message>
        <source>Probe the providers and print the system health</source>
        <translation>探测提供商并输出系统健康状况</translation>
    </message>
    <message>
        <source>Serve the chain as a local OpenAI-compatible endpoint</source>
        <translation>将模型链作为本地 OpenAI 兼容端点提供服务</translation>
    </message>
    <message>
        <source>Run a scripted outage drill and print what the chain did</source>
        <translation>运行预设的中断演练并输出模型链的处理过程</translation>
    </message>
    <message>
        <source>Work out what a provider migration saves</source>
        <translation>计算提供商迁移能节省多少</translation>
    </message>
    <message>
        <source>Set, list, test or delete API keys in the OS keychain</source>
        <translation>在系统钥匙串中设置、列出、测试或删除 API 密钥</translation>
    </message>
    <message>
        <source>List alert sinks, store a sink&apos;s URL or key, send a test alert</source>
        <translation>列出告警通道、保存告警通道的 URL 或密钥、发送测试告警</translation>
    </message>
    <message>
        <source>Usage: understudy-cli [--help] [--version] &lt;command&gt; [options]</source>
        <translation>用法：understudy-cli [--help] [--version] &lt;command&gt; [options]</translation>
    </message>
    <message>
        <source>Understudy: multi-provider LLM failover, headless.</source>
        <translation>Understudy：多提供商 LLM 故障转移，无界面版。</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>命令：</translation>
    </message>
    <message>
        <source>Every command takes --config FILE; without it the config in your config folder is used
(written from the built-in simulated chain on first start).
Run &quot;understudy-cli &lt;command&gt; --help&quot; for a command&apos;s options.</source>
        <translation>每个命令都接受 --config FILE；未指定时使用配置文件夹中的配置
（首次启动时根据内置的模拟模型链写入）。
运行 &quot;understudy-cli &lt;command&gt; --help&quot; 查看某个命令的选项。</translation>
    </message>
    <message>
        <source>understudy-cli: unknown command &quot;%1&quot;</source>
        <translation>understudy-cli：未知命令 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>显示此帮助。</translation>
    </message>
    <message>
        <source>Run &quot;understudy-cli %1 --help&quot; for its options.</source>
        <translation>运行 &quot;understudy-cli %1 --help&quot; 查看其选项。</translation>
    </message>
    <message>
        <source>Usage: understudy-cli %1 [options]</source>
        <translation>用法：understudy-cli %1 [options]</translation>
    </message>
    <message>
        <source>, mid-stream</source>
        <translation>，流式传输中途</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>first token %1 ms</source>
        <translation>首个 token %1 ms</translation>
    </message>
    <message>
        <source>%1 in / %2 out tokens%3</source>
        <translation>输入 %1 / 输出 %2 token%3</translation>
    </message>
    <message>
        <source> (estimated)</source>
        <translation>（估算）</translation>
    </message>
    <message>
        <source>no config</source>
        <translation>没有配置</translation>
    </message>
    <message>
        <source>breaker %1</source>
        <translation>熔断器%1</translation>
    </message>
    <message numerus="yes">
        <source>Probes: %n models listing(s), %1</source>
        <translation>
            <numerusform>探测：%n 次模型列表请求，%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Most client connections at once; more are answered 503 and closed (default 1024).</source>
        <translation>同时允许的最多客户端连接数；超出的连接会收到 503 并被关闭（默认 1024）。</translation>
    </message>
    <message>
        <source>Also accept requests whose Host header is NAME (besides IP addresses and localhost). Repeatable.</source>
        <translation>也接受 Host 头为 NAME 的请求（IP 地址和 localhost 之外）。可重复。</translation>
    </message>
    <message>
        <source>Accept requests from web pages of ORIGIN (scheme://host[:port]), with CORS answers; others are refused. Repeatable.</source>
        <translation>接受来自 ORIGIN（scheme://host[:port]）网页的请求，并给出 CORS 应答；其他来源一律拒绝。可重复。</translation>
    </message>
    <message>
        <source>error: --max-body wants a size in bytes from 1024 to 1073741824</source>
        <translation>错误：--max-body 需要 1024 到 1073741824 之间的字节数</translation>
    </message>
    <message>
        <source>error: --max-connections wants a number from 1 to 60000</source>
        <translation>错误：--max-connections 需要 1 到 60000 之间的数字</translation>
    </message>
    <message>
        <source>error: --allow-origin wants an origin like https://app.example or http://localhost:3000, got &quot;%1&quot;</source>
        <translation>错误：--allow-origin 需要形如 https://app.example 或 http://localhost:3000 的来源，收到的是“%1”</translation>
    </message>
</context>
<context>
    <name>ComparePane</name>
    <message>
        <source>Prompt to compare</source>
        <translation>要对比的提示词</translation>
    </message>
    <message>
        <source>One prompt, every tier at once, no failover (Ctrl+Enter)</source>
        <translation>同一提示词，同时发送到每个层级，不做故障转移（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <source>Optional system prompt</source>
        <translation>可选的系统提示词</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>对比(&amp;C)</translation>
    </message>
    <message>
        <source>Send the prompt to every tier (Ctrl+Enter)</source>
        <translation>将提示词发送到每个层级（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Send &amp;again</source>
        <translation>再次发送(&amp;A)</translation>
    </message>
    <message>
        <source>Copy as &amp;Markdown</source>
        <translation>复制为 Markdown(&amp;M)</translation>
    </message>
    <message>
        <source>Sa&amp;ve as conversation</source>
        <translation>保存为对话(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Prompt:</source>
        <translation>提示词(&amp;P)：</translation>
    </message>
    <message>
        <source>S&amp;ystem prompt:</source>
        <translation>系统提示词(&amp;Y)：</translation>
    </message>
    <message>
        <source>Copied the comparison to the clipboard.</source>
        <translation>已将对比结果复制到剪贴板。</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Not sent yet.</source>
        <translation>尚未发送。</translation>
    </message>
    <message>
        <source>Answer from %1</source>
        <translation>来自 %1 的回答</translation>
    </message>
    <message>
        <source>Show or hide the %1 column</source>
        <translation>显示或隐藏 %1 列</translation>
    </message>
    <message>
        <source>Waiting for the first token…</source>
        <translation>正在等待首个 token…</translation>
    </message>
    <message>
        <source>First token %1 ms · %2 ms · %3 in / %4 out tokens · $%5</source>
        <translation>首个 token %1 ms · %2 ms · 输入 %3 / 输出 %4 token · $%5</translation>
    </message>
    <message>
        <source>Failed: %1%2 — %3</source>
        <translation>失败：%1%2 — %3</translation>
    </message>
    <message>
        <source> (HTTP %1)</source>
        <translation>（HTTP %1）</translation>
    </message>
    <message>
        <source>## Prompt

%1
</source>
        <translation>## 提示词

%1
</translation>
    </message>
    <message>
        <source>
System prompt: %1
</source>
        <translation>
系统提示词：%1
</translation>
    </message>
    <message>
        <source>
## %1 (%2)

</source>
        <translation>
## %1（%2）

</translation>
    </message>
    <message>
        <source>*first token %1 ms, %2 ms, %3 in / %4 out tokens, $%5*

%6
</source>
        <translation>*首个 token %1 ms，%2 ms，输入 %3 / 输出 %4 token，$%5*

%6
</translation>
    </message>
    <message>
        <source>*failed: %1 — %2*
</source>
        <translation>*失败：%1 — %2*
</translation>
    </message>
    <message>
        <source>Compare: %1</source>
        <translation>对比：%1</translation>
    </message>
    <message>
        <source>**%1 (%2)**

%3</source>
        <translation>**%1（%2）**

%3</translation>
    </message>
    <message>
        <source>Saved the comparison as a conversation.</source>
        <translation>已将对比结果保存为对话。</translation>
    </message>
</context>
<context>
    <name>ConfigParser</name>
    <message>
        <source>the config folder cannot be created</source>
        <translation>无法创建配置文件夹</translation>
    </message>
    <message>
        <source>cannot be written: %1</source>
        <translation>无法写入：%1</translation>
    </message>
    <message>
        <source>a literal API key is not allowed in the config file; store it in the OS keychain (understudy-cli keys set PROVIDER, or the Keys dialog) or name an environment variable with &quot;api_key_env&quot;</source>
        <translation>配置文件中不允许出现明文 API 密钥；请将其保存到系统钥匙串（understudy-cli keys set PROVIDER，或“API 密钥”对话框），或用 &quot;api_key_env&quot; 指定环境变量</translation>
    </message>
    <message>
        <source>unknown key (expected one of: %1)</source>
        <translation>未知的键（应为以下之一：%1）</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>必须是对象</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>为必填项</translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation>必须是字符串</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>必须是整数</translation>
    </message>
    <message>
        <source>must be between %1 and %2</source>
        <translation>必须介于 %1 和 %2 之间</translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation>必须是数字</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>必须是 true 或 false</translation>
    </message>
    <message>
        <source>must be an amount in USD per million tokens with at most 6 decimals</source>
        <translation>必须是每百万 token 的 USD 金额，最多 6 位小数</translation>
    </message>
    <message>
        <source>must not be negative</source>
        <translation>不能为负数</translation>
    </message>
    <message>
        <source>must be an array of strings</source>
        <translation>必须是字符串数组</translation>
    </message>
    <message>
        <source>must be one of: %1</source>
        <translation>必须是以下之一：%1</translation>
    </message>
    <message>
        <source>only USD prices are supported</source>
        <translation>只支持 USD 价格</translation>
    </message>
    <message>
        <source>must be an array of HTTP status codes</source>
        <translation>必须是 HTTP 状态码数组</translation>
    </message>
    <message>
        <source>must be an HTTP status code (100-599)</source>
        <translation>必须是 HTTP 状态码（100-599）</translation>
    </message>
    <message>
        <source>must not exceed degraded_success_rate</source>
        <translation>不能超过 degraded_success_rate</translation>
    </message>
    <message>
        <source>at least one provider is required</source>
        <translation>至少需要一个提供商</translation>
    </message>
    <message>
        <source>must be 1-64 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;</source>
        <translation>必须由 1-64 个字母、数字、&apos;.&apos;、&apos;_&apos; 或 &apos;-&apos; 组成</translation>
    </message>
    <message>
        <source>duplicate provider id &quot;%1&quot;</source>
        <translation>提供商 ID “%1”重复</translation>
    </message>
    <message>
        <source>must be an http:// or https:// URL</source>
        <translation>必须是 http:// 或 https:// URL</translation>
    </message>
    <message>
        <source>refusing to send an API key over plain http to a remote host; use https</source>
        <translation>拒绝通过明文 http 向远程主机发送 API 密钥；请使用 https</translation>
    </message>
    <message>
        <source>must not carry a query string (keys never go in URLs)</source>
        <translation>不能带查询字符串（密钥绝不放在 URL 中）</translation>
    </message>
    <message>
        <source>is required when auth is &quot;env&quot;</source>
        <translation>认证方式为 &quot;env&quot; 时为必填项</translation>
    </message>
    <message>
        <source>must be positive</source>
        <translation>必须为正数</translation>
    </message>
    <message>
        <source>at least one tier is required</source>
        <translation>至少需要一个层级</translation>
    </message>
    <message>
        <source>duplicate tier name &quot;%1&quot;</source>
        <translation>层级名称“%1”重复</translation>
    </message>
    <message>
        <source>no provider with id &quot;%1&quot;</source>
        <translation>没有 ID 为“%1”的提供商</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>不能为空</translation>
    </message>
    <message>
        <source>no tier named &quot;%1&quot;</source>
        <translation>没有名为“%1”的层级</translation>
    </message>
    <message>
        <source>tier &quot;%1&quot; appears twice in the chain</source>
        <translation>层级“%1”在模型链中出现了两次</translation>
    </message>
    <message>
        <source>must not exceed window</source>
        <translation>不能超过 window</translation>
    </message>
    <message>
        <source>must not exceed request_budget_ms</source>
        <translation>不能超过 request_budget_ms</translation>
    </message>
    <message>
        <source>duplicate route &quot;%1&quot;</source>
        <translation>路由“%1”重复</translation>
    </message>
    <message>
        <source>not valid JSON: %1</source>
        <translation>不是有效的 JSON：%1</translation>
    </message>
    <message>
        <source>the top level must be a JSON object</source>
        <translation>顶层必须是 JSON 对象</translation>
    </message>
    <message>
        <source>this file is version %1; this build of Understudy reads version %2 or older</source>
        <translation>此文件为版本 %1；此版本的 Understudy 只能读取版本 %2 或更早的文件</translation>
    </message>
    <message>
        <source>must be an array</source>
        <translation>必须是数组</translation>
    </message>
    <message>
        <source>cannot be read: %1</source>
        <translation>无法读取：%1</translation>
    </message>
    <message>
        <source>is larger than 16 MiB; this is not a config file</source>
        <translation>大于 16 MiB，不是配置文件</translation>
    </message>
    <message>
        <source>not valid JSON: %1 at offset %2</source>
        <translation>不是有效的 JSON：%1（偏移量 %2）</translation>
    </message>
    <message>
        <source>rule %1</source>
        <translation>规则 %1</translation>
    </message>
    <message>
        <source>not a valid regular expression: %1</source>
        <translation>不是有效的正则表达式：%1</translation>
    </message>
    <message>
        <source>must not carry a user name or password (credentials live in the keychain, never in the file)</source>
        <translation>不得包含用户名或密码（凭据只存放在钥匙串中，绝不写入文件）</translation>
    </message>
</context>
<context>
    <name>ConfigTableModel</name>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>编辑 %1</translation>
    </message>
</context>
<context>
    <name>ConversationListModel</name>
    <message>
        <source>📌 %1</source>
        <translation>📌 %1</translation>
    </message>
    <message>
        <source>%1 (pinned)</source>
        <translation>%1（已置顶）</translation>
    </message>
    <message numerus="yes">
        <source>%1
%n message(s), last %2</source>
        <translation>
            <numerusform>%1
%n 条消息，最后更新于 %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConversationStore</name>
    <message>
        <source>%1; the file could not be moved aside</source>
        <translation>%1；且无法将该文件移到一旁</translation>
    </message>
    <message>
        <source>The conversation database could not be opened (%1). It was moved aside to %2, untouched, and a new one was created.</source>
        <translation>无法打开对话数据库（%1）。它已原样移到 %2，并已新建一个数据库。</translation>
    </message>
    <message>
        <source>The conversation database failed its integrity check (%1). It will be moved aside, untouched, and a new one created on the next start.</source>
        <translation>对话数据库未通过完整性检查（%1）。下次启动时会将其原样移到一旁，并新建一个数据库。</translation>
    </message>
</context>
<context>
    <name>CostJsonReader</name>
    <message>
        <source>%1: not valid JSON at byte %2: %3</source>
        <translation>%1：第 %2 字节处不是有效的 JSON：%3</translation>
    </message>
    <message>
        <source>unknown key (expected one of: %1)</source>
        <translation>未知的键（应为以下之一：%1）</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>为必填项</translation>
    </message>
    <message>
        <source>must be text</source>
        <translation>必须是文本</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>不能为空</translation>
    </message>
    <message>
        <source>must be a whole number from %1 to %2</source>
        <translation>必须是 %1 到 %2 之间的整数</translation>
    </message>
    <message>
        <source>must be an amount like &quot;2.50&quot; (at most 6 decimals)</source>
        <translation>必须是类似 &quot;2.50&quot; 的金额（最多 6 位小数）</translation>
    </message>
    <message>
        <source>must not be negative</source>
        <translation>不能为负数</translation>
    </message>
    <message>
        <source>must be a number from %1 to %2 (at most 6 decimals)</source>
        <translation>必须是 %1 到 %2 之间的数字（最多 6 位小数）</translation>
    </message>
    <message>
        <source>must be a list</source>
        <translation>必须是列表</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>必须是对象</translation>
    </message>
</context>
<context>
    <name>CostView</name>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>&amp;Migration calculator</source>
        <translation>迁移计算器(&amp;M)</translation>
    </message>
    <message>
        <source>S&amp;pend</source>
        <translation>支出(&amp;P)</translation>
    </message>
    <message>
        <source>Price &amp;table</source>
        <translation>价格表(&amp;T)</translation>
    </message>
    <message>
        <source>This &amp;session</source>
        <translation>本次会话(&amp;S)</translation>
    </message>
    <message>
        <source>No requests yet in this session.</source>
        <translation>本次会话尚无请求。</translation>
    </message>
    <message>
        <source>%1: $%2</source>
        <translation>%1：$%2</translation>
    </message>
    <message>
        <source>Spend this session: $%1

%2</source>
        <translation>本次会话支出：$%1

%2</translation>
    </message>
</context>
<context>
    <name>DegradationController</name>
    <message>
        <source>system %1</source>
        <translation>系统%1</translation>
    </message>
    <message>
        <source>system %1: %2</source>
        <translation>系统%1：%2</translation>
    </message>
    <message>
        <source>config changed</source>
        <translation>配置已更改</translation>
    </message>
    <message>
        <source>pinned by the operator to %1</source>
        <translation>运维人员锁定为%1</translation>
    </message>
    <message>
        <source>pin released</source>
        <translation>已解除锁定</translation>
    </message>
    <message>
        <source>answered from the response cache: written by %1 (%2) on %3</source>
        <translation>由响应缓存应答：由 %1（%2）于 %3 写入</translation>
    </message>
    <message>
        <source>answered by the operator rule &quot;%1&quot;</source>
        <translation>由运维规则“%1”应答</translation>
    </message>
</context>
<context>
    <name>DegradationLevel</name>
    <message>
        <source>FULL</source>
        <translation>完整</translation>
    </message>
    <message>
        <source>REDUCED</source>
        <translation>精简</translation>
    </message>
    <message>
        <source>MINIMAL</source>
        <translation>最低</translation>
    </message>
    <message>
        <source>FALLBACK</source>
        <translation>兜底</translation>
    </message>
</context>
<context>
    <name>DemoHistory</name>
    <message>
        <source>Synthetic demo history</source>
        <translation>合成的演示历史</translation>
    </message>
</context>
<context>
    <name>DrillController</name>
    <message>
        <source>outage (connection refused)</source>
        <translation>中断（连接被拒绝）</translation>
    </message>
    <message>
        <source>HTTP %1 storm (Retry-After %2 s)</source>
        <translation>HTTP %1 风暴（Retry-After %2 秒）</translation>
    </message>
    <message>
        <source>HTTP %1 storm</source>
        <translation>HTTP %1 风暴</translation>
    </message>
    <message>
        <source>latency spike (+%1 ms)</source>
        <translation>延迟激增（+%1 ms）</translation>
    </message>
    <message>
        <source>slow first token (+%1 ms)</source>
        <translation>首个 token 变慢（+%1 ms）</translation>
    </message>
    <message>
        <source>streams cut after %1 chunks</source>
        <translation>流在 %1 个块后中断</translation>
    </message>
    <message>
        <source>streams stalled after %1 chunks</source>
        <translation>流在 %1 个块后停滞</translation>
    </message>
    <message>
        <source>%1 on %2 for %3 s</source>
        <translation>%2 层级%1，持续 %3 秒</translation>
    </message>
</context>
<context>
    <name>DrillPanel</name>
    <message>
        <source>Outage (connection refused)</source>
        <translation>中断（连接被拒绝）</translation>
    </message>
    <message>
        <source>429 storm with Retry-After</source>
        <translation>带 Retry-After 的 429 风暴</translation>
    </message>
    <message>
        <source>503 storm</source>
        <translation>503 风暴</translation>
    </message>
    <message>
        <source>Latency spike</source>
        <translation>延迟激增</translation>
    </message>
    <message>
        <source>Slow first token</source>
        <translation>首个 token 缓慢</translation>
    </message>
    <message>
        <source>Streams cut after N chunks</source>
        <translation>N 个块后流中断</translation>
    </message>
    <message>
        <source>Streams stall after N chunks</source>
        <translation>N 个块后流停滞</translation>
    </message>
    <message>
        <source>Drill tier</source>
        <translation>演练层级</translation>
    </message>
    <message>
        <source>Drill fault</source>
        <translation>演练故障</translation>
    </message>
    <message>
        <source>Drill duration</source>
        <translation>演练时长</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>&amp;Start drill</source>
        <translation>开始演练(&amp;S)</translation>
    </message>
    <message>
        <source>Inject the fault into the tier&apos;s traffic for the chosen time (in the engine&apos;s transport: during an outage the provider is not called at all)</source>
        <translation>在所选时间内向该层级的流量注入故障（在引擎的传输层中进行：中断期间完全不会调用提供商）</translation>
    </message>
    <message>
        <source>S&amp;top selected</source>
        <translation>停止所选(&amp;T)</translation>
    </message>
    <message>
        <source>Stop &amp;all drills</source>
        <translation>停止所有演练(&amp;A)</translation>
    </message>
    <message>
        <source>Running drills</source>
        <translation>正在运行的演练</translation>
    </message>
    <message>
        <source>T&amp;ier:</source>
        <translation>层级(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Fault:</source>
        <translation>故障(&amp;F)：</translation>
    </message>
    <message>
        <source>F&amp;or:</source>
        <translation>持续(&amp;O)：</translation>
    </message>
    <message>
        <source>%1 stopped: %2.</source>
        <translation>%1 已停止：%2。</translation>
    </message>
    <message>
        <source>%1 ended at its deadline: %2.</source>
        <translation>%1 已到期结束：%2。</translation>
    </message>
    <message>
        <source>&amp;Retry-After:</source>
        <translation>Retry-After(&amp;R)：</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>&amp;Delay:</source>
        <translation>延迟(&amp;D)：</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>&amp;After:</source>
        <translation>之后(&amp;A)：</translation>
    </message>
    <message>
        <source> chunks</source>
        <translation> 个块</translation>
    </message>
    <message>
        <source>Not started: %1</source>
        <translation>未启动：%1</translation>
    </message>
    <message>
        <source>Started %1: %2. Watch Chat, Health and Events respond.</source>
        <translation>已启动 %1：%2。请观察聊天、健康状况和事件视图的反应。</translation>
    </message>
    <message>
        <source>%1: %2 — %3 s left</source>
        <translation>%1：%2 — 剩余 %3 s</translation>
    </message>
    <message>
        <source>No drill is running.</source>
        <translation>没有正在运行的演练。</translation>
    </message>
</context>
<context>
    <name>ErrorClass</name>
    <message>
        <source>no error</source>
        <translation>无错误</translation>
    </message>
    <message>
        <source>rate limited</source>
        <translation>被限流</translation>
    </message>
    <message>
        <source>quota exhausted</source>
        <translation>配额用尽</translation>
    </message>
    <message>
        <source>overloaded</source>
        <translation>过载</translation>
    </message>
    <message>
        <source>server error</source>
        <translation>服务器错误</translation>
    </message>
    <message>
        <source>connect timeout</source>
        <translation>连接超时</translation>
    </message>
    <message>
        <source>first token timeout</source>
        <translation>首个 token 超时</translation>
    </message>
    <message>
        <source>idle timeout</source>
        <translation>空闲超时</translation>
    </message>
    <message>
        <source>budget exceeded</source>
        <translation>时间预算用尽</translation>
    </message>
    <message>
        <source>network</source>
        <translation>网络错误</translation>
    </message>
    <message>
        <source>auth</source>
        <translation>认证失败</translation>
    </message>
    <message>
        <source>context length</source>
        <translation>上下文过长</translation>
    </message>
    <message>
        <source>content policy</source>
        <translation>内容策略拒绝</translation>
    </message>
    <message>
        <source>bad request</source>
        <translation>错误请求</translation>
    </message>
    <message>
        <source>model not found</source>
        <translation>模型不存在</translation>
    </message>
    <message>
        <source>truncated stream</source>
        <translation>流被截断</translation>
    </message>
    <message>
        <source>malformed response</source>
        <translation>响应格式错误</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>gateway saturated</source>
        <translation>网关已满载</translation>
    </message>
</context>
<context>
    <name>EventLogModel</name>
    <message>
        <source>Attempt</source>
        <translation>尝试</translation>
    </message>
    <message>
        <source>Switch</source>
        <translation>切换</translation>
    </message>
    <message>
        <source>Breaker</source>
        <translation>熔断器</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>健康状况</translation>
    </message>
    <message>
        <source>Drill</source>
        <translation>演练</translation>
    </message>
    <message>
        <source>Config</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>发生的情况</translation>
    </message>
</context>
<context>
    <name>EventsView</name>
    <message>
        <source>Filter by kind</source>
        <translation>按类型筛选</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>所有类型</translation>
    </message>
    <message>
        <source>Filter by tier</source>
        <translation>按层级筛选</translation>
    </message>
    <message>
        <source>All tiers</source>
        <translation>所有层级</translation>
    </message>
    <message>
        <source>Filter by text</source>
        <translation>按文本筛选</translation>
    </message>
    <message>
        <source>&amp;Follow new events</source>
        <translation>跟随新事件(&amp;F)</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>导出 CSV(&amp;X)…</translation>
    </message>
    <message>
        <source>Save the rows shown (after filtering) as CSV</source>
        <translation>将当前显示的行（筛选后）保存为 CSV</translation>
    </message>
    <message>
        <source>Event log</source>
        <translation>事件日志</translation>
    </message>
    <message>
        <source>Event detail</source>
        <translation>事件详情</translation>
    </message>
    <message>
        <source>Export events</source>
        <translation>导出事件</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <source>%1 of %2 events</source>
        <translation>%1 / %2 个事件</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n event(s) to %1</source>
        <translation>
            <numerusform>已将 %n 个事件导出到 %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GatewayControl</name>
    <message>
        <source>Local &amp;Gateway</source>
        <translation>本地网关(&amp;G)</translation>
    </message>
    <message>
        <source>Serve the chain as an OpenAI-compatible endpoint on this machine</source>
        <translation>在本机将模型链作为 OpenAI 兼容端点提供服务</translation>
    </message>
    <message>
        <source>The gateway did not start: %1</source>
        <translation>网关未启动：%1</translation>
    </message>
    <message>
        <source>Gateway: http://%1/v1</source>
        <translation>网关：http://%1/v1</translation>
    </message>
    <message>
        <source>Gateway: off</source>
        <translation>网关：关闭</translation>
    </message>
    <message>
        <source>The local gateway is serving the chain. Click to stop it (Ctrl+G).</source>
        <translation>本地网关正在提供模型链服务。点击可停止（Ctrl+G）。</translation>
    </message>
    <message>
        <source>Start the local OpenAI-compatible gateway (Ctrl+G).</source>
        <translation>启动本地 OpenAI 兼容网关（Ctrl+G）。</translation>
    </message>
</context>
<context>
    <name>HealthMonitor</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>breaker open (%1), next probe in %2</source>
        <translation>熔断器打开（%1），%2后进行下一次探测</translation>
    </message>
    <message>
        <source>rate limited for %1 more</source>
        <translation>仍将被限流 %1</translation>
    </message>
    <message>
        <source>%1 of the last %2 requests succeeded</source>
        <translation>最近 %2 个请求中有 %1 个成功</translation>
    </message>
    <message>
        <source>probe failed: %1</source>
        <translation>探测失败：%1</translation>
    </message>
    <message>
        <source>p95 first token %1 ms is over the %2 ms threshold</source>
        <translation>首个 token p95 为 %1 ms，超过 %2 ms 阈值</translation>
    </message>
    <message>
        <source>breaker half-open: the next request probes it</source>
        <translation>熔断器半开：下一个请求将用于探测</translation>
    </message>
</context>
<context>
    <name>HealthStatus</name>
    <message>
        <source>healthy</source>
        <translation>健康</translation>
    </message>
    <message>
        <source>degraded</source>
        <translation>降级</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>严重</translation>
    </message>
</context>
<context>
    <name>HealthView</name>
    <message>
        <source>Degradation level</source>
        <translation>降级级别</translation>
    </message>
    <message>
        <source>Automatic follows system health; any other choice pins the level for every request.</source>
        <translation>“自动”随系统健康状况变化；其他任何选项都会为所有请求锁定该级别。</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Pinned: full</source>
        <translation>已锁定：完整</translation>
    </message>
    <message>
        <source>Pinned: reduced</source>
        <translation>已锁定：精简</translation>
    </message>
    <message>
        <source>Pinned: minimal</source>
        <translation>已锁定：最低</translation>
    </message>
    <message>
        <source>Pinned: fallback (no model calls)</source>
        <translation>已锁定：兜底（不调用模型）</translation>
    </message>
    <message>
        <source>&amp;Probe now</source>
        <translation>立即探测(&amp;P)</translation>
    </message>
    <message>
        <source>Ask every provider for its models listing now: no tokens, no cost</source>
        <translation>立即向每个提供商请求其模型列表：不消耗 token，不产生费用</translation>
    </message>
    <message>
        <source>&amp;Reset breaker</source>
        <translation>重置熔断器(&amp;R)</translation>
    </message>
    <message>
        <source>Close the selected tier&apos;s breaker and forget its rate limit</source>
        <translation>关闭所选层级的熔断器，并清除其速率限制</translation>
    </message>
    <message>
        <source>Tier health</source>
        <translation>层级健康状况</translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation>级别(&amp;L)：</translation>
    </message>
    <message>
        <source>Outage &amp;drills</source>
        <translation>中断演练(&amp;D)</translation>
    </message>
    <message>
        <source>System healthy</source>
        <translation>系统健康</translation>
    </message>
    <message>
        <source>System degraded</source>
        <translation>系统降级</translation>
    </message>
    <message>
        <source>System critical: no tier can answer</source>
        <translation>系统严重：没有层级能够应答</translation>
    </message>
    <message>
        <source> — recommended tier: %1</source>
        <translation> — 推荐层级：%1</translation>
    </message>
    <message>
        <source>Every tier is answering normally.</source>
        <translation>所有层级均正常应答。</translation>
    </message>
    <message>
        <source>Degradation level for normal requests: %1%2</source>
        <translation>普通请求的降级级别：%1%2</translation>
    </message>
    <message>
        <source> (pinned)</source>
        <translation>（已锁定）</translation>
    </message>
</context>
<context>
    <name>HistoryRecorder</name>
    <message>
        <source>answered</source>
        <translation>已应答</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>skipped: %1</source>
        <translation>已跳过：%1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source> (HTTP %1)</source>
        <translation>（HTTP %1）</translation>
    </message>
    <message>
        <source>%1 #%2 %3, %4 ms</source>
        <translation>%1 #%2 %3，%4 ms</translation>
    </message>
    <message>
        <source>%1 → %2: %3%4</source>
        <translation>%1 → %2：%3%4</translation>
    </message>
    <message>
        <source> (mid-stream)</source>
        <translation>（流式传输中途）</translation>
    </message>
    <message>
        <source>breaker %1 → %2</source>
        <translation>熔断器 %1 → %2</translation>
    </message>
    <message>
        <source> (%1, cooldown %2 s)</source>
        <translation>（%1，冷却 %2 s）</translation>
    </message>
    <message>
        <source>answered from the %1 in %2 ms</source>
        <translation>由 %1 应答，耗时 %2 ms</translation>
    </message>
    <message>
        <source>answered by %1 in %2 ms, $%3</source>
        <translation>由 %1 应答，耗时 %2 ms，$%3</translation>
    </message>
    <message>
        <source>incomplete: %1</source>
        <translation>未完成：%1</translation>
    </message>
    <message>
        <source>degradation level %1 → %2%3</source>
        <translation>降级级别 %1 → %2%3</translation>
    </message>
    <message>
        <source> (pinned)</source>
        <translation>（已锁定）</translation>
    </message>
    <message>
        <source>system %1%2</source>
        <translation>系统%1%2</translation>
    </message>
    <message>
        <source>, recommended tier %1</source>
        <translation>，推荐层级 %1</translation>
    </message>
    <message>
        <source>drill %1 started: %2</source>
        <translation>演练 %1 已开始：%2</translation>
    </message>
    <message>
        <source>drill %1 ended%2</source>
        <translation>演练 %1 已结束%2</translation>
    </message>
    <message>
        <source> (stopped)</source>
        <translation>（已停止）</translation>
    </message>
    <message>
        <source> (deadline)</source>
        <translation>（已到期）</translation>
    </message>
    <message>
        <source>Alert resolved: %1</source>
        <translation>告警已恢复：%1</translation>
    </message>
    <message>
        <source>Alert: %1</source>
        <translation>告警：%1</translation>
    </message>
    <message>
        <source>No sink takes this alert.</source>
        <translation>没有告警通道接收此告警。</translation>
    </message>
    <message>
        <source>Sent to: %1</source>
        <translation>已发送至：%1</translation>
    </message>
    <message>
        <source>Alert held back (%1): %2</source>
        <translation>告警已暂缓（%1）：%2</translation>
    </message>
    <message numerus="yes">
        <source>Alert delivered to %1 after %n attempt(s)</source>
        <translation>
            <numerusform>经过 %n 次尝试，告警已送达 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Alert delivered to %1</source>
        <translation>告警已送达 %1</translation>
    </message>
    <message>
        <source>Alert to %1 not delivered (%2); retry %3 in %4 s</source>
        <translation>发往 %1 的告警未送达（%2）；将在 %4 s 后进行第 %3 次尝试</translation>
    </message>
    <message numerus="yes">
        <source>Alert to %1 not delivered (%2); gave up after %n attempt(s)</source>
        <translation>
            <numerusform>发往 %1 的告警未送达（%2）；尝试 %n 次后已放弃</numerusform>
        </translation>
    </message>
    <message>
        <source>Tier test: %1</source>
        <translation>测试层级：%1</translation>
    </message>
</context>
<context>
    <name>KeychainSecretStore</name>
    <message>
        <source>no key stored for &quot;%1&quot;</source>
        <translation>钥匙串中没有“%1”的密钥</translation>
    </message>
    <message>
        <source>the keychain is locked or refused access (%1). Unlock it (for example by logging in to the desktop session) and try again.</source>
        <translation>钥匙串已锁定或拒绝访问（%1）。请先解锁（例如登录桌面会话）后重试。</translation>
    </message>
    <message>
        <source>no keychain answered (%1). Start a Secret Service such as GNOME Keyring or KWallet, or use &quot;api_key_env&quot; for headless machines; keys are never stored in a file.</source>
        <translation>没有钥匙串应答（%1）。请启动 GNOME Keyring 或 KWallet 等 Secret Service；无界面机器可使用 &quot;api_key_env&quot;。密钥从不保存在文件中。</translation>
    </message>
    <message>
        <source>the macOS Keychain</source>
        <translation>macOS 钥匙串</translation>
    </message>
    <message>
        <source>the Windows Credential Manager</source>
        <translation>Windows 凭据管理器</translation>
    </message>
    <message>
        <source>the Secret Service (GNOME Keyring, KWallet)</source>
        <translation>Secret Service（GNOME Keyring、KWallet）</translation>
    </message>
</context>
<context>
    <name>KeysDialog</name>
    <message>
        <source>API Keys</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Keys live only in the OS keychain (%1). A stored key is never shown again; Test makes the cheapest authenticated call (a models listing).</source>
        <translation>密钥仅保存在系统钥匙串（%1）中。已保存的密钥不会再次显示；“测试”会发起开销最低的认证调用（获取模型列表）。</translation>
    </message>
    <message>
        <source>none available</source>
        <translation>无可用钥匙串</translation>
    </message>
    <message>
        <source>Providers and their keys</source>
        <translation>提供商及其密钥</translation>
    </message>
    <message>
        <source>New key</source>
        <translation>新密钥</translation>
    </message>
    <message>
        <source>Paste a new key to set or replace the selected provider&apos;s</source>
        <translation>粘贴新密钥，以设置或替换所选提供商的密钥</translation>
    </message>
    <message>
        <source>S&amp;how while typing</source>
        <translation>输入时显示(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation>密钥(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Set / replace</source>
        <translation>设置 / 替换(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>测试(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>set (%1)</source>
        <translation>已设置（%1）</translation>
    </message>
    <message>
        <source>set</source>
        <translation>已设置</translation>
    </message>
    <message>
        <source>no key needed</source>
        <translation>无需密钥</translation>
    </message>
    <message>
        <source>from $%1</source>
        <translation>来自 $%1</translation>
    </message>
    <message>
        <source>$%1 is not set</source>
        <translation>$%1 未设置</translation>
    </message>
    <message>
        <source>no keychain</source>
        <translation>无系统钥匙串</translation>
    </message>
    <message>
        <source>no key</source>
        <translation>无密钥</translation>
    </message>
    <message>
        <source>unknown: %1</source>
        <translation>未知：%1</translation>
    </message>
    <message>
        <source>Storing the key for %1…</source>
        <translation>正在保存 %1 的密钥…</translation>
    </message>
    <message>
        <source>The key for %1 is in the keychain.</source>
        <translation>%1 的密钥已保存在系统钥匙串中。</translation>
    </message>
    <message>
        <source>The key for %1 was not stored: %2</source>
        <translation>%1 的密钥未能保存：%2</translation>
    </message>
    <message>
        <source>No key for %1 in the keychain now.</source>
        <translation>系统钥匙串中现已没有 %1 的密钥。</translation>
    </message>
    <message>
        <source>The key for %1 was not deleted: %2</source>
        <translation>%1 的密钥未能删除：%2</translation>
    </message>
    <message>
        <source>no tier uses this provider</source>
        <translation>没有层级使用此提供商</translation>
    </message>
    <message>
        <source>testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <source>accepted (%1 ms)</source>
        <translation>已接受（%1 ms）</translation>
    </message>
    <message>
        <source>rejected: %1</source>
        <translation>已拒绝：%1</translation>
    </message>
    <message>
        <source>unreachable: %1</source>
        <translation>无法连接：%1</translation>
    </message>
</context>
<context>
    <name>KeysModel</name>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>提供商</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Last test</source>
        <translation>上次测试</translation>
    </message>
</context>
<context>
    <name>LatencyChart</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>延迟（ms）</translation>
    </message>
    <message>
        <source>Level REDUCED</source>
        <translation>精简级别</translation>
    </message>
    <message>
        <source>Level MINIMAL</source>
        <translation>最低级别</translation>
    </message>
    <message>
        <source>Level FALLBACK</source>
        <translation>兜底级别</translation>
    </message>
    <message>
        <source>Switch</source>
        <translation>切换</translation>
    </message>
    <message>
        <source>Breaker opened</source>
        <translation>熔断器打开</translation>
    </message>
    <message>
        <source>Drill</source>
        <translation>演练</translation>
    </message>
    <message>
        <source>Latency chart</source>
        <translation>延迟图表</translation>
    </message>
    <message>
        <source>Drag to zoom into a span; wheel or +/- to zoom, Left/Right to pan, End to follow live, Home for the whole day</source>
        <translation>拖动以放大某一时段；滚轮或 +/- 缩放，Left/Right 平移，End 跟随实时，Home 查看全天</translation>
    </message>
    <message>
        <source>Chart window</source>
        <translation>图表时间窗口</translation>
    </message>
    <message>
        <source>Last 15 minutes</source>
        <translation>最近 15 分钟</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>最近 1 小时</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>最近 24 小时</translation>
    </message>
    <message>
        <source>&amp;Window:</source>
        <translation>时间窗口(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Follow live</source>
        <translation>跟随实时(&amp;F)</translation>
    </message>
    <message>
        <source>Keep the newest samples in view (End)</source>
        <translation>保持最新样本可见（End）</translation>
    </message>
    <message>
        <source>Shading: level REDUCED (yellow), MINIMAL (orange), FALLBACK (red) · drag to zoom, wheel or +/−, ←/→ pan</source>
        <translation>阴影：精简级别（黄色）、最低级别（橙色）、兜底级别（红色）· 拖动以缩放，滚轮或 +/− 缩放，←/→ 平移</translation>
    </message>
    <message>
        <source>%1 at %2: %3 ms</source>
        <translation>%1 于 %2：%3 ms</translation>
    </message>
    <message>
        <source>%1: no samples</source>
        <translation>%1：无样本</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n sample(s), median %2 ms, highest %3 ms</source>
        <translation>
            <numerusform>%1：%n 个样本，中位数 %2 ms，最高 %3 ms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n switch(es)</source>
        <translation>
            <numerusform>%n 次切换</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n breaker opening(s)</source>
        <translation>
            <numerusform>熔断器打开 %n 次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n period(s) below FULL</source>
        <translation>
            <numerusform>%n 个低于完整级别的时段</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Understudy: an operations console for multi-provider LLM failover.</source>
        <translation>Understudy：面向多提供商 LLM 故障转移的运维控制台。</translation>
    </message>
    <message>
        <source>Use the config FILE instead of the one in your config folder.</source>
        <translation>使用配置文件 FILE，而不是配置文件夹中的配置文件。</translation>
    </message>
    <message>
        <source>Save a PNG of each view into DIR, then quit.</source>
        <translation>将每个视图的 PNG 截图保存到 DIR，然后退出。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Understudy</source>
        <translation>Understudy</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>聊天</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Chain</source>
        <translation>模型链</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>健康状况</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>Stop all drills</source>
        <translation>停止所有演练</translation>
    </message>
    <message>
        <source>Switched %1 → %2 (%3)</source>
        <translation>已切换 %1 → %2（%3）</translation>
    </message>
    <message>
        <source>&amp;Show Understudy</source>
        <translation>显示 Understudy(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Health</source>
        <translation>健康状况(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Config…</source>
        <translation>打开配置(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Reload Config</source>
        <translation>重新加载配置(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>API &amp;Keys…</source>
        <translation>API 密钥(&amp;K)…</translation>
    </message>
    <message>
        <source>&amp;Alerts…</source>
        <translation>告警(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Understudy</source>
        <translation>关于 Understudy(&amp;A)</translation>
    </message>
    <message>
        <source>About Understudy</source>
        <translation>关于 Understudy</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Understudy %1&lt;/h3&gt;&lt;p&gt;An operations console for multi-provider LLM failover: when a provider fails, the next tier takes the stage.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Understudy %1&lt;/h3&gt;&lt;p&gt;面向多提供商 LLM 故障转移的运维控制台：当某个提供商失败时，由下一层级接替登场。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>Open Config</source>
        <translation>打开配置</translation>
    </message>
    <message>
        <source>Understudy config (*.json);;All files (*)</source>
        <translation>Understudy 配置 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Loaded %1</source>
        <translation>已加载 %1</translation>
    </message>
    <message>
        <source>Config reloaded</source>
        <translation>配置已重新加载</translation>
    </message>
    <message>
        <source>The config was not applied; the previous chain stays in force.
%1</source>
        <translation>配置未应用，之前的模型链仍然生效。
%1</translation>
    </message>
    <message>
        <source>Built-in simulated chain</source>
        <translation>内置模拟模型链</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) in flight</source>
        <translation>
            <numerusform>%n 个请求正在进行</numerusform>
        </translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation>健康</translation>
    </message>
    <message>
        <source>Degraded</source>
        <translation>降级</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <source> · level %1</source>
        <translation> · 级别 %1</translation>
    </message>
    <message>
        <source>DRILL %1: %2 (%3 s left)</source>
        <translation>演练 %1：%2（剩余 %3 s）</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>The language changes when Understudy starts again.</source>
        <translation>语言将在 Understudy 下次启动时切换。</translation>
    </message>
    <message>
        <source>&amp;System Default</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
</context>
<context>
    <name>PriceBook</name>
    <message>
        <source>the price table</source>
        <translation>价格表</translation>
    </message>
    <message>
        <source>%1 could not be moved aside</source>
        <translation>无法将 %1 移开</translation>
    </message>
</context>
<context>
    <name>PriceTable</name>
    <message>
        <source>the price table must be a JSON object</source>
        <translation>价格表必须是 JSON 对象</translation>
    </message>
    <message>
        <source>must be USD or CNY</source>
        <translation>必须是 USD 或 CNY</translation>
    </message>
    <message>
        <source>must be a date like 2025-10-01</source>
        <translation>必须是类似 2025-10-01 的日期</translation>
    </message>
    <message>
        <source>%1 through %2 is listed twice</source>
        <translation>%1（经由 %2）被列出了两次</translation>
    </message>
    <message>
        <source>%1: cannot be read: %2</source>
        <translation>%1：无法读取：%2</translation>
    </message>
    <message>
        <source>%1: cannot be written: %2</source>
        <translation>%1：无法写入：%2</translation>
    </message>
    <message>
        <source>%1 is not in the price table</source>
        <translation>%1 不在价格表中</translation>
    </message>
    <message>
        <source>%1 through %2 is not in the price table</source>
        <translation>%1（经由 %2）不在价格表中</translation>
    </message>
    <message>
        <source>%1 is listed by several providers (%2): choose one</source>
        <translation>%1 由多个提供商列出（%2）：请选择其一</translation>
    </message>
    <message>
        <source>the config&apos;s tier %1</source>
        <translation>配置中的层级 %1</translation>
    </message>
</context>
<context>
    <name>PriceTableModel</name>
    <message>
        <source>new-model</source>
        <translation>new-model</translation>
    </message>
    <message>
        <source>provider</source>
        <translation>提供商</translation>
    </message>
    <message>
        <source>entered by hand</source>
        <translation>手动输入</translation>
    </message>
    <message>
        <source>The model and the provider must not be empty.</source>
        <translation>模型和提供商不能为空。</translation>
    </message>
    <message>
        <source>A price per million tokens is an amount like 2.50 (at most 6 decimals).</source>
        <translation>每百万 token 的价格是一个金额，如 2.50（最多 6 位小数）。</translation>
    </message>
    <message>
        <source>The currency is USD or CNY.</source>
        <translation>币种为 USD 或 CNY。</translation>
    </message>
    <message>
        <source>The date the price was read, like 2025-10-01.</source>
        <translation>读取价格的日期，如 2025-10-01。</translation>
    </message>
    <message>
        <source>Say where the price was read (a URL or a document).</source>
        <translation>注明价格的读取来源（URL 或文档）。</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Provider or relay</source>
        <translation>提供商或中转商</translation>
    </message>
    <message>
        <source>Input /M</source>
        <translation>输入 /M</translation>
    </message>
    <message>
        <source>Output /M</source>
        <translation>输出 /M</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Read on</source>
        <translation>读取日期</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
</context>
<context>
    <name>PriceTableView</name>
    <message>
        <source>Price table</source>
        <translation>价格表</translation>
    </message>
    <message>
        <source>&amp;Add price</source>
        <translation>添加价格(&amp;A)</translation>
    </message>
    <message>
        <source>Re&amp;move price</source>
        <translation>删除价格(&amp;M)</translation>
    </message>
    <message>
        <source>Reset to &amp;shipped</source>
        <translation>重置为随附版本(&amp;S)</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>还原(&amp;V)</translation>
    </message>
    <message>
        <source>Sa&amp;ve prices</source>
        <translation>保存价格(&amp;V)</translation>
    </message>
    <message>
        <source>Reset the price table?</source>
        <translation>重置价格表？</translation>
    </message>
    <message>
        <source>Use the shipped prices again? Your edited table is kept as a .bak file.</source>
        <translation>重新使用随附的价格？您编辑过的价格表将保留为 .bak 文件。</translation>
    </message>
    <message>
        <source>Your edited table is not used: %1</source>
        <translation>未使用您编辑的价格表：%1</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Your edited price table (%1), version %2.</source>
        <translation>您编辑的价格表（%1），版本 %2。</translation>
    </message>
    <message>
        <source>The shipped price table, version %1. Edits are saved to your data folder; the shipped file is never changed.</source>
        <translation>随附的价格表，版本 %1。编辑内容保存在您的数据文件夹中；随附的文件永远不会被修改。</translation>
    </message>
    <message>
        <source>The calculator and the cost of every request use it; a tier&apos;s price in the config wins.</source>
        <translation>成本计算器和每个请求的成本都使用此表；配置中层级的价格优先。</translation>
    </message>
    <message>
        <source>Unsaved changes.</source>
        <translation>有未保存的更改。</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>In one sentence: why keep a fallback model?</source>
        <translation>用一句话回答：为什么要保留一个备用模型？</translation>
    </message>
    <message>
        <source>How should we plan a provider migration? Include a code example.</source>
        <translation>应如何规划提供商迁移？请附上代码示例。</translation>
    </message>
</context>
<context>
    <name>ResponseCache</name>
    <message>
        <source>the cache database is damaged (%1)</source>
        <translation>缓存数据库已损坏（%1）</translation>
    </message>
    <message>
        <source>cannot create the folder of %1</source>
        <translation>无法创建 %1 所在的文件夹</translation>
    </message>
    <message>
        <source>%1; it could not be moved aside</source>
        <translation>%1；且无法将其移到一旁</translation>
    </message>
    <message>
        <source>The response cache could not be read (%1). It was moved aside to %2 and a new one was started.</source>
        <translation>无法读取响应缓存（%1）。它已被移到 %2，并已新建一个缓存。</translation>
    </message>
</context>
<context>
    <name>Scenario</name>
    <message>
        <source>a change below -100 % would make the price negative</source>
        <translation>变化低于 -100 % 会使价格变为负数</translation>
    </message>
    <message>
        <source>exchange rates must be above zero</source>
        <translation>汇率必须大于零</translation>
    </message>
    <message>
        <source>Row %1 (%2): %3</source>
        <translation>第 %1 行（%2）：%3</translation>
    </message>
    <message>
        <source>The projection stops at month %1: the amounts grow beyond $4 trillion.</source>
        <translation>预测在第 %1 个月停止：金额增长超过 $4 万亿。</translation>
    </message>
    <message>
        <source>a scenario must be a JSON object</source>
        <translation>场景必须是 JSON 对象</translation>
    </message>
    <message>
        <source>must be &quot;understudy-scenario&quot;</source>
        <translation>必须是 &quot;understudy-scenario&quot;</translation>
    </message>
    <message>
        <source>must be price_table, percent or exchange_rate</source>
        <translation>必须是 price_table、percent 或 exchange_rate</translation>
    </message>
    <message>
        <source>%1: cannot be read: %2</source>
        <translation>%1：无法读取：%2</translation>
    </message>
    <message>
        <source>%1: line 1: not an Understudy scenario CSV (the header differs)</source>
        <translation>%1：第 1 行：不是 Understudy 场景 CSV（表头不符）</translation>
    </message>
    <message>
        <source>%1: line %2</source>
        <translation>%1：第 %2 行</translation>
    </message>
    <message>
        <source>%1: %2 fields, expected %3</source>
        <translation>%1：有 %2 个字段，应为 %3 个</translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos;: the value &quot;%3&quot; is not valid</source>
        <translation>%1：&apos;%2&apos;：值 &quot;%3&quot; 无效</translation>
    </message>
    <message>
        <source>%1 is beyond $4 trillion a month (%2)</source>
        <translation>%1 超过每月 4 万亿美元（%2）</translation>
    </message>
    <message>
        <source>the input tokens at the current input price</source>
        <translation>按当前输入价格计的输入 token</translation>
    </message>
    <message>
        <source>the output tokens at the current output price</source>
        <translation>按当前输出价格计的输出 token</translation>
    </message>
    <message>
        <source>the row&apos;s current cost</source>
        <translation>该行的当前成本</translation>
    </message>
    <message>
        <source>the projected cost</source>
        <translation>预计成本</translation>
    </message>
    <message>
        <source>The total is beyond $4 trillion a month from row %1 on: those rows are left out.</source>
        <translation>从第 %1 行起合计超过每月 4 万亿美元：这些行未计入。</translation>
    </message>
</context>
<context>
    <name>ScenarioModel</name>
    <message>
        <source>Price table</source>
        <translation>价格表</translation>
    </message>
    <message>
        <source>Percent change</source>
        <translation>百分比变化</translation>
    </message>
    <message>
        <source>Exchange rate</source>
        <translation>汇率</translation>
    </message>
    <message>
        <source>The model to price from the table (empty: the row&apos;s own model)</source>
        <translation>从价格表中取价的模型（留空：使用该行自身的模型）</translation>
    </message>
    <message>
        <source>The provider or relay in the price table (needed when several list the model)</source>
        <translation>价格表中的提供商或中转商（当多个提供商列出该模型时需要）</translation>
    </message>
    <message>
        <source>-90 means 90 % cheaper</source>
        <translation>-90 表示便宜 90 %</translation>
    </message>
    <message>
        <source>CNY the relay bills per USD of list price</source>
        <translation>中转商按每 1 USD 标价收取的 CNY</translation>
    </message>
    <message>
        <source>CNY per USD on a card</source>
        <translation>银行卡支付时每 USD 折合的 CNY</translation>
    </message>
    <message>
        <source>Tokens must be a whole number, 0 or more.</source>
        <translation>token 数必须是 0 或以上的整数。</translation>
    </message>
    <message>
        <source>A price is an amount in USD per million tokens, like 2.50 (at most 6 decimals).</source>
        <translation>价格是每百万 token 的 USD 金额，如 2.50（最多 6 位小数）。</translation>
    </message>
    <message>
        <source>A rate is a number above zero, like 7.3.</source>
        <translation>汇率是大于零的数字，如 7.3。</translation>
    </message>
    <message>
        <source>Unknown method.</source>
        <translation>未知方法。</translation>
    </message>
    <message>
        <source>A change is a percentage from -100, like -90 (90 % cheaper) or 15.</source>
        <translation>变化是不低于 -100 的百分比，如 -90（便宜 90 %）或 15。</translation>
    </message>
    <message>
        <source>Per month, in USD; exact, shown rounded half away from zero to the cent</source>
        <translation>按月计，单位 USD；精确计算，显示时四舍五入（远离零）到分</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>工作负载</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Input tokens/mo</source>
        <translation>输入 token/月</translation>
    </message>
    <message>
        <source>Output tokens/mo</source>
        <translation>输出 token/月</translation>
    </message>
    <message>
        <source>Input $/M now</source>
        <translation>当前输入 $/M</translation>
    </message>
    <message>
        <source>Output $/M now</source>
        <translation>当前输出 $/M</translation>
    </message>
    <message>
        <source>Projected by</source>
        <translation>预测方式</translation>
    </message>
    <message>
        <source>Target model</source>
        <translation>目标模型</translation>
    </message>
    <message>
        <source>Target provider</source>
        <translation>目标提供商</translation>
    </message>
    <message>
        <source>Change %</source>
        <translation>变化 %</translation>
    </message>
    <message>
        <source>Relay ¥/$</source>
        <translation>中转商 ¥/$</translation>
    </message>
    <message>
        <source>Card ¥/$</source>
        <translation>银行卡 ¥/$</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>Projected</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Savings</source>
        <translation>节省</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>节省比例</translation>
    </message>
</context>
<context>
    <name>ScenarioReport</name>
    <message>
        <source>Migration cost report</source>
        <translation>迁移成本报告</translation>
    </message>
    <message>
        <source>Date %1 · price table %2 · amounts per month in USD, exact, shown rounded half away from zero to the cent; percentages to 0.1 %.</source>
        <translation>日期 %1 · 价格表 %2 · 金额为每月 USD，精确计算，显示时四舍五入（远离零）到分；百分比保留到 0.1 %。</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>工作负载</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Input tok/mo</source>
        <translation>输入 token/月</translation>
    </message>
    <message>
        <source>Output tok/mo</source>
        <translation>输出 token/月</translation>
    </message>
    <message>
        <source>$/M in · out now</source>
        <translation>当前 $/M 输入 · 输出</translation>
    </message>
    <message>
        <source>Projected by</source>
        <translation>预测方式</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>Projected</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Savings</source>
        <translation>节省</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>节省比例</translation>
    </message>
    <message>
        <source>price of %1%2</source>
        <translation>%1%2 的价格</translation>
    </message>
    <message>
        <source> via %1</source>
        <translation> 经由 %1</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>relay ¥%1 / card ¥%2 per $</source>
        <translation>每 $：中转商 ¥%1 / 银行卡 ¥%2</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>In CNY at %1 per USD: now %2, projected %3, savings %4 a month.</source>
        <translation>以 CNY 计（1 USD = %1 CNY）：当前 %2，预测 %3，每月节省 %4。</translation>
    </message>
    <message>
        <source>Projection: %1 months, volume growing %2 % a month (compounding); %3 saved in all. Migration cost %4: %5.</source>
        <translation>预测：%1 个月，用量每月增长 %2 %（复利）；共节省 %3。迁移成本 %4：%5。</translation>
    </message>
    <message>
        <source>paid back in month %1</source>
        <translation>在第 %1 个月回本</translation>
    </message>
    <message>
        <source>not paid back within %1 months</source>
        <translation>%1 个月内未回本</translation>
    </message>
    <message>
        <source>%1: cannot be written: %2</source>
        <translation>%1：无法写入：%2</translation>
    </message>
</context>
<context>
    <name>SpendModel</name>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>提供商</translation>
    </message>
    <message>
        <source>%1 in · %2 out</source>
        <translation>输入 %1 · 输出 %2</translation>
    </message>
    <message>
        <source>What this month&apos;s tokens would have cost on the chain&apos;s primary tier</source>
        <translation>本月的 token 若全部走模型链的主层级，本应产生的费用</translation>
    </message>
    <message>
        <source>By</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Tokens this month</source>
        <translation>本月 token</translation>
    </message>
    <message>
        <source>All on primary</source>
        <translation>全走主层级</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>节省</translation>
    </message>
</context>
<context>
    <name>SpendTracker</name>
    <message>
        <source>%1 % of the monthly budget spent</source>
        <translation>月度预算已用 %1%</translation>
    </message>
    <message>
        <source>$%1 of $%2 this month (%3 %).</source>
        <translation>本月已用 $%1 / $%2（%3%）。</translation>
    </message>
    <message>
        <source>Normal and low priority requests now go to the cheaper tiers first.</source>
        <translation>普通和低优先级请求现在优先发往较便宜的层级。</translation>
    </message>
</context>
<context>
    <name>SpendView</name>
    <message>
        <source>Spend per tier and provider</source>
        <translation>按层级和提供商统计的支出</translation>
    </message>
    <message>
        <source>Monthly &amp;budget $:</source>
        <translation>月度预算（$）(&amp;B)：</translation>
    </message>
    <message>
        <source>Monthly budget in USD</source>
        <translation>月度预算（美元）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Alerts at 50, 80 and 100 % of it; empty or 0: no budget</source>
        <translation>达到预算的 50%、80% 和 100% 时告警；留空或为 0：不设预算</translation>
    </message>
    <message>
        <source>Over budget, send normal and low priority requests to &amp;cheaper tiers first</source>
        <translation>超出预算时，普通和低优先级请求优先发往较便宜的层级(&amp;C)</translation>
    </message>
    <message>
        <source>Budget spent this month</source>
        <translation>本月已用预算</translation>
    </message>
    <message>
        <source>The budget is an amount in USD, like 500 or 1250.50.</source>
        <translation>预算为美元金额，例如 500 或 1250.50。</translation>
    </message>
    <message>
        <source>This month: %1 spent over %2 attempts. Everything on the primary tier would have cost %3: the chain saved %4%5.</source>
        <translation>本月：%2 次尝试共支出 %1。若全部走主层级，费用将为 %3：模型链节省了 %4%5。</translation>
    </message>
    <message>
        <source>No monthly budget.</source>
        <translation>未设月度预算。</translation>
    </message>
    <message>
        <source>%1 of %2 (%3 %)%4</source>
        <translation>已用 %1 / %2（%3%）%4</translation>
    </message>
    <message>
        <source>: over budget</source>
        <translation>：已超预算</translation>
    </message>
</context>
<context>
    <name>TierHealthModel</name>
    <message>
        <source>healthy</source>
        <translation>健康</translation>
    </message>
    <message>
        <source>degraded</source>
        <translation>降级</translation>
    </message>
    <message>
        <source>down</source>
        <translation>不可用</translation>
    </message>
    <message>
        <source>closed (rate limited %1 s)</source>
        <translation>关闭（限流 %1 s）</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>open, %1 s left</source>
        <translation>打开，剩余 %1 s</translation>
    </message>
    <message>
        <source>half-open</source>
        <translation>半开</translation>
    </message>
    <message>
        <source>%1 / %2 ms</source>
        <translation>%1 / %2 ms</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Breaker</source>
        <translation>熔断器</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>成功率</translation>
    </message>
    <message>
        <source>Latency p50 / p95</source>
        <translation>延迟 p50 / p95</translation>
    </message>
    <message>
        <source>First token p50 / p95</source>
        <translation>首个 token p50 / p95</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>请求数</translation>
    </message>
    <message>
        <source>Last probe</source>
        <translation>上次探测</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message numerus="yes">
        <source>ok, %1 ms (%n probe(s), %2)</source>
        <translation>
            <numerusform>正常，%1 ms（%n 次探测，%2）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TierStatus</name>
    <message>
        <source>healthy</source>
        <translation>健康</translation>
    </message>
    <message>
        <source>degraded</source>
        <translation>降级</translation>
    </message>
    <message>
        <source>down</source>
        <translation>不可用</translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message numerus="yes">
        <source>Show %n earlier message(s)</source>
        <translation>
            <numerusform>显示之前的 %n 条消息</numerusform>
        </translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>Understudy</source>
        <translation>Understudy</translation>
    </message>
    <message>
        <source>*(no text arrived)*</source>
        <translation>*（未收到文本）*</translation>
    </message>
    <message>
        <source>From the response cache, not a model</source>
        <translation>来自响应缓存，非模型生成</translation>
    </message>
    <message>
        <source>From an operator rule, not a model</source>
        <translation>来自运维规则，非模型生成</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>first token %1 ms</source>
        <translation>首个 token %1 ms</translation>
    </message>
    <message>
        <source>%1 in / %2 out tokens%3</source>
        <translation>输入 %1 / 输出 %2 token%3</translation>
    </message>
    <message>
        <source> (estimated)</source>
        <translation>（估算）</translation>
    </message>
    <message>
        <source>level %1</source>
        <translation>级别 %1</translation>
    </message>
    <message>
        <source>Copy answer</source>
        <translation>复制回答</translation>
    </message>
    <message>
        <source>Copy code %1</source>
        <translation>复制代码 %1</translation>
    </message>
    <message>
        <source>Fallback: %1 — show attempts</source>
        <translation>备用层级：%1 — 查看尝试</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>尝试记录</translation>
    </message>
    <message>
        <source>Incomplete answer.</source>
        <translation>回答不完整。</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>the answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>code block %1</source>
        <translation>代码块 %1</translation>
    </message>
</context>
<context>
    <name>TrayNotifier</name>
    <message>
        <source>Resolved: %1</source>
        <translation>已恢复：%1</translation>
    </message>
    <message>
        <source>healthy</source>
        <translation>健康</translation>
    </message>
    <message>
        <source>degraded</source>
        <translation>降级</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>Understudy: system %1</source>
        <translation>Understudy：系统状态为%1</translation>
    </message>
    <message>
        <source>, level %1</source>
        <translation>，级别 %1</translation>
    </message>
    <message>
        <source>, recommended tier %1</source>
        <translation>，推荐层级 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n more event(s)</source>
        <translation>
            <numerusform>另有 %n 个事件</numerusform>
        </translation>
    </message>
</context>
</TS>
