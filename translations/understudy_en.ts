<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AlertBanner</name>
    <message numerus="yes">
        <source>%n more alert(s) open.</source>
        <translation>
            <numerusform>%n more alert open.</numerusform>
            <numerusform>%n more alerts open.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AlertRouter</name>
    <message numerus="yes">
        <source>more than %n alert(s) in a minute</source>
        <translation>
            <numerusform>more than %n alert in a minute</numerusform>
            <numerusform>more than %n alerts in a minute</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Resolved: %1 after %2 (%n event(s)).</source>
        <translation>
            <numerusform>Resolved: %1 after %2 (%n event).</numerusform>
            <numerusform>Resolved: %1 after %2 (%n events).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AlertsDialog</name>
    <message numerus="yes">
        <source>Last alert delivered (%n attempt(s)).</source>
        <translation>
            <numerusform>Last alert delivered (%n attempt).</numerusform>
            <numerusform>Last alert delivered (%n attempts).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChainEditor</name>
    <message numerus="yes">
        <source>Edited: apply to use it (%n change(s) to undo)</source>
        <translation>
            <numerusform>Edited: apply to use it (%n change to undo)</numerusform>
            <numerusform>Edited: apply to use it (%n changes to undo)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChainOrderModel</name>
    <message numerus="yes">
        <source>Move %n tiers</source>
        <translation>
            <numerusform>Move %n tier</numerusform>
            <numerusform>Move %n tiers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChatPane</name>
    <message numerus="yes">
        <source>context trimmed (%n earlier message(s) left out)</source>
        <translation>
            <numerusform>context trimmed (%n earlier message left out)</numerusform>
            <numerusform>context trimmed (%n earlier messages left out)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message numerus="yes">
        <source>Probes: %n models listing(s), %1</source>
        <translation>
            <numerusform>Probes: %n models listing, %1</numerusform>
            <numerusform>Probes: %n models listings, %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConversationListModel</name>
    <message numerus="yes">
        <source>%1
%n message(s), last %2</source>
        <translation>
            <numerusform>%1
%n message, last %2</numerusform>
            <numerusform>%1
%n messages, last %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EventsView</name>
    <message numerus="yes">
        <source>Exported %n event(s) to %1</source>
        <translation>
            <numerusform>Exported %n event to %1</numerusform>
            <numerusform>Exported %n events to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryRecorder</name>
    <message numerus="yes">
        <source>Alert delivered to %1 after %n attempt(s)</source>
        <translation>
            <numerusform>Alert delivered to %1 after %n attempt</numerusform>
            <numerusform>Alert delivered to %1 after %n attempts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Alert to %1 not delivered (%2); gave up after %n attempt(s)</source>
        <translation>
            <numerusform>Alert to %1 not delivered (%2); gave up after %n attempt</numerusform>
            <numerusform>Alert to %1 not delivered (%2); gave up after %n attempts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LatencyChart</name>
    <message numerus="yes">
        <source>%1: %n sample(s), median %2 ms, highest %3 ms</source>
        <translation>
            <numerusform>%1: %n sample, median %2 ms, highest %3 ms</numerusform>
            <numerusform>%1: %n samples, median %2 ms, highest %3 ms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n switch(es)</source>
        <translation>
            <numerusform>%n switch</numerusform>
            <numerusform>%n switches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n breaker opening(s)</source>
        <translation>
            <numerusform>%n breaker opening</numerusform>
            <numerusform>%n breaker openings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n period(s) below FULL</source>
        <translation>
            <numerusform>%n period below FULL</numerusform>
            <numerusform>%n periods below FULL</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n request(s) in flight</source>
        <translation>
            <numerusform>%n request in flight</numerusform>
            <numerusform>%n requests in flight</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TierHealthModel</name>
    <message numerus="yes">
        <source>ok, %1 ms (%n probe(s), %2)</source>
        <translation>
            <numerusform>ok, %1 ms (%n probe, %2)</numerusform>
            <numerusform>ok, %1 ms (%n probes, %2)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message numerus="yes">
        <source>Show %n earlier message(s)</source>
        <translation>
            <numerusform>Show %n earlier message</numerusform>
            <numerusform>Show %n earlier messages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrayNotifier</name>
    <message numerus="yes">
        <source>%n more event(s)</source>
        <translation>
            <numerusform>%n more event</numerusform>
            <numerusform>%n more events</numerusform>
        </translation>
    </message>
</context>
</TS>
