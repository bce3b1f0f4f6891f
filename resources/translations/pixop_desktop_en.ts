<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
    <context>
        <name>CloseQuestion</name>
        <message numerus="yes">
            <source>%n video(s) are still being sent, processed or fetched.</source>
            <translation>
                <numerusform>%n video is still being sent, processed or fetched.</numerusform>
                <numerusform>%n videos are still being sent, processed or fetched.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>GoalPage</name>
        <message numerus="yes">
            <source>For: %n video(s)</source>
            <translation>
                <numerusform>For: %n video</numerusform>
                <numerusform>For: %n videos</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>IntakeFlow</name>
        <message numerus="yes">
            <source>Checking %n item(s)…</source>
            <translation>
                <numerusform>Checking %n item…</numerusform>
                <numerusform>Checking %n items…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Added %n video(s) to the queue.</source>
            <translation>
                <numerusform>Added %n video to the queue.</numerusform>
                <numerusform>Added %n videos to the queue.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message numerus="yes">
            <source>%n video(s)</source>
            <translation>
                <numerusform>%n video</numerusform>
                <numerusform>%n videos</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Connected. %n project(s)</source>
            <translation>
                <numerusform>Connected. %n project</numerusform>
                <numerusform>Connected. %n projects</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>QueueView</name>
        <message numerus="yes">
            <source>%n video(s) will stop and cannot be continued later. Your files stay where they are.</source>
            <translation>
                <numerusform>%n video will stop and cannot be continued later. Your files stay where they are.</numerusform>
                <numerusform>%n videos will stop and cannot be continued later. Your files stay where they are.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>&amp;Cancel %n video(s)</source>
            <translation>
                <numerusform>&amp;Cancel %n video</numerusform>
                <numerusform>&amp;Cancel %n videos</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RefusedPanel</name>
        <message numerus="yes">
            <source>%n file(s) were left out:</source>
            <translation>
                <numerusform>%n file was left out:</numerusform>
                <numerusform>%n files were left out:</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SampleVideosPanel</name>
        <message numerus="yes">
            <source>%n sample video(s) in {folder}</source>
            <translation>
                <numerusform>%n sample video in {folder}</numerusform>
                <numerusform>%n sample videos in {folder}</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TrayController</name>
        <message numerus="yes">
            <source>%n video(s) wait for your approval</source>
            <translation>
                <numerusform>%n video waits for your approval</numerusform>
                <numerusform>%n videos wait for your approval</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n video(s) failed</source>
            <translation>
                <numerusform>%n video failed</numerusform>
                <numerusform>%n videos failed</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{failed} of %n video(s) failed</source>
            <translation>
                <numerusform>{failed} of %n video failed</numerusform>
                <numerusform>{failed} of %n videos failed</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>All %n video(s) are ready</source>
            <translation>
                <numerusform>%n video is ready</numerusform>
                <numerusform>All %n videos are ready</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{done} of %n video(s) are ready</source>
            <translation>
                <numerusform>{done} of %n video is ready</numerusform>
                <numerusform>{done} of %n videos are ready</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n video(s) were cancelled.</source>
            <translation>
                <numerusform>%n video was cancelled.</numerusform>
                <numerusform>%n videos were cancelled.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Pixop Desktop — %n video(s) in progress, {percent} %</source>
            <translation>
                <numerusform>Pixop Desktop — %n video in progress, {percent} %</numerusform>
                <numerusform>Pixop Desktop — %n videos in progress, {percent} %</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>WatchPage</name>
        <message numerus="yes">
            <source>%n video(s) are already in this folder.</source>
            <translation>
                <numerusform>%n video is already in this folder.</numerusform>
                <numerusform>%n videos are already in this folder.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Dry run: {sending} of %n file(s) would be sent now. Nothing was sent.</source>
            <translation>
                <numerusform>Dry run: {sending} of %n file would be sent now. Nothing was sent.</numerusform>
                <numerusform>Dry run: {sending} of %n files would be sent now. Nothing was sent.</numerusform>
            </translation>
        </message>
    </context>
</TS>
