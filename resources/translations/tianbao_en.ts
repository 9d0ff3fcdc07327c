<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AttachmentTrash</name>
    <message>
        <source>文件名</source>
        <translation>File name</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>所属报表</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>删除时间</source>
        <translation>Removed</translation>
    </message>
    <message>
        <source>（无标题）</source>
        <translation>(untitled)</translation>
    </message>
    <message>
        <source>（报表也在回收站中）</source>
        <translation> (the report is in the trash too)</translation>
    </message>
</context>
<context>
    <name>AttachmentsPanel</name>
    <message>
        <source>添加附件…</source>
        <translation>Add Attachments…</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>移到回收站</source>
        <translation>Move to Trash</translation>
    </message>
    <message>
        <source>可以把文件拖到这里添加为附件</source>
        <translation>Drag files here to attach them</translation>
    </message>
    <message>
        <source>正在添加附件…</source>
        <translation>Adding attachments…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>添加附件</source>
        <translation>Add Attachments</translation>
    </message>
    <message numerus="yes">
        <source>已添加 {n} 个附件</source>
        <translation>
            <numerusform>{n} attachment added</numerusform>
            <numerusform>{n} attachments added</numerusform>
        </translation>
    </message>
    <message>
        <source>已取消添加附件</source>
        <translation>Adding attachments was cancelled</translation>
    </message>
    <message>
        <source>附件未能添加</source>
        <translation>Attachment Not Added</translation>
    </message>
    <message>
        <source>没有找到能打开“{name}”的程序</source>
        <translation>No program was found to open “{name}”</translation>
    </message>
    <message>
        <source>正在打开附件…</source>
        <translation>Opening the attachment…</translation>
    </message>
    <message>
        <source>把附件“{names}”移到回收站吗？

以后可以在“文件 → 回收站”的“附件”页恢复。</source>
        <translation>Move the attachment(s) “{names}” to the trash?

You can restore them later on the Attachments page of File → Trash.</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>附件已移到回收站，可在“文件 → 回收站”的“附件”页恢复</source>
        <translation>Attachment moved to the trash; restore it on the Attachments page of File → Trash</translation>
    </message>
    <message>
        <source>附件操作未完成</source>
        <translation>Attachment Action Not Completed</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <source>备份与恢复</source>
        <translation>Backup and Restore</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message numerus="yes">
        <source>每天第一次打开时自动备份，保留最近 {n} 份。备份文件夹：{folder}</source>
        <translation>
            <numerusform>A backup is made automatically on the first start of each day; the latest one is kept. Backup folder: {folder}</numerusform>
            <numerusform>A backup is made automatically on the first start of each day; the latest {n} are kept. Backup folder: {folder}</numerusform>
        </translation>
    </message>
    <message>
        <source>立即备份</source>
        <translation>Back Up Now</translation>
    </message>
    <message>
        <source>备份到其他位置…</source>
        <translation>Back Up To…</translation>
    </message>
    <message>
        <source>从所选备份恢复…</source>
        <translation>Restore From Selected Backup…</translation>
    </message>
    <message>
        <source>每日自动备份</source>
        <translation>Daily automatic backup</translation>
    </message>
    <message>
        <source>手动备份</source>
        <translation>Manual backup</translation>
    </message>
    <message>
        <source>汇总前</source>
        <translation>Before merge</translation>
    </message>
    <message>
        <source>导入前</source>
        <translation>Before import</translation>
    </message>
    <message>
        <source>升级前</source>
        <translation>Before upgrade</translation>
    </message>
    <message>
        <source>备份到</source>
        <translation>Back Up To</translation>
    </message>
    <message>
        <source>填报数据库 (*.db)</source>
        <translation>Tianbao database (*.db)</translation>
    </message>
    <message>
        <source>备份完成</source>
        <translation>Backup Complete</translation>
    </message>
    <message>
        <source>已备份到：{path}</source>
        <translation>Backed up to: {path}</translation>
    </message>
    <message>
        <source>从备份恢复</source>
        <translation>Restore From Backup</translation>
    </message>
    <message>
        <source>用备份“{name}”替换当前数据库吗？

备份之后所做的修改将不在恢复后的数据库中。当前文件会以“.before-restore-日期”为名保留在原文件夹，不会被删除。</source>
        <translation>Replace the current database with the backup “{name}”?

Changes made after that backup will not be in the restored database. The current file is kept in the same folder under the name “.before-restore-&lt;date&gt;”; it is not deleted.</translation>
    </message>
</context>
<context>
    <name>CompleteDialog</name>
    <message>
        <source>标记为完成</source>
        <translation>Mark as Complete</translation>
    </message>
    <message numerus="yes">
        <source>这份报表还有 {n} 条警告。如果内容确实无误，请为每一条写一句简短说明（例如数据来源），说明会随报表保存和导出。</source>
        <translation>
            <numerusform>This report still has {n} warning. If the contents are right, write a short explanation for it (e.g. where the data came from); the explanation is saved and exported with the report.</numerusform>
            <numerusform>This report still has {n} warnings. If the contents are right, write a short explanation for each (e.g. where the data came from); explanations are saved and exported with the report.</numerusform>
        </translation>
    </message>
    <message>
        <source>说明（必填），如：数据来自各医院上报汇总</source>
        <translation>Explanation (required), e.g.: totals of the hospitals&apos; own reports</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>此栏原为“{old}”时的说明：“{text}”。内容已修改，请重新确认说明。</source>
        <translation>Explanation given when this field read “{old}”: “{text}”. The field has changed since: please confirm the explanation again.</translation>
    </message>
    <message>
        <source>请重新填写或点“沿用原说明”</source>
        <translation>Write it again, or click “Keep the earlier explanation”</translation>
    </message>
    <message>
        <source>沿用原说明</source>
        <translation>Keep the earlier explanation</translation>
    </message>
</context>
<context>
    <name>DraftAsker</name>
    <message>
        <source>  {unit}（{file}）</source>
        <translation>  {unit} ({file})</translation>
    </message>
    <message>
        <source>以下 {count} 个单位报送的是草稿（尚未标记为完成）：
{units}

是否也汇总这些草稿？
选“是”：一并汇总，汇总报表中会注明哪些单位是草稿；
选“否”：跳过这些包，只汇总已完成的；
选“取消”：这次不汇总。</source>
        <translation>These {count} unit(s) sent a draft (not marked complete):
{units}

Merge the drafts too?
Yes: merge them; the merged report says which units sent drafts.
No: skip these packages and merge only the complete ones.
Cancel: do not merge now.</translation>
    </message>
    <message>
        <source>有单位报送的是草稿</source>
        <translation>Some Units Sent Drafts</translation>
    </message>
</context>
<context>
    <name>DuplicateAsker</name>
    <message>
        <source>“{unit}”报送了两个包：
较早导出：{older}
较新导出：{newer}

是否改用较新的包？选“否”则只汇总较早的包。</source>
        <translation>“{unit}” sent two packages:
exported earlier: {older}
exported later: {newer}

Use the later package? Choose “No” to merge only the earlier one.</translation>
    </message>
    <message>
        <source>同一单位有两个报送包</source>
        <translation>Two Packages from the Same Unit</translation>
    </message>
</context>
<context>
    <name>EmptyEditor</name>
    <message>
        <source>从左侧选择一份报表，或按 Ctrl+N 新建。</source>
        <translation>Choose a report on the left, or press Ctrl+N to create one.</translation>
    </message>
</context>
<context>
    <name>FormReviewDialog</name>
    <message>
        <source>核对导入的表单：{name}</source>
        <translation>Review the Imported Form: {name}</translation>
    </message>
    <message>
        <source>（第{n}届）</source>
        <translation> (edition {n})</translation>
    </message>
    <message>
        <source>这张表与已有表单“{title}”至少九成栏目相同{edition}，建议直接用已有表单填报，不必新建。</source>
        <translation>At least 90% of the rows of this form match the existing form “{title}”{edition}. Use the existing form instead of creating a new one.</translation>
    </message>
    <message>
        <source>表单名称：</source>
        <translation>Form title:</translation>
    </message>
    <message>
        <source>栏目</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>字数上限</source>
        <translation>Character limit</translation>
    </message>
    <message>
        <source>汇总方式</source>
        <translation>When merged</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>Because of</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>请确认：{p}</source>
        <translation>Please check: {p}</translation>
    </message>
    <message>
        <source>注意：{n}</source>
        <translation>Note: {n}</translation>
    </message>
    <message>
        <source>预览(&amp;P)…</source>
        <translation>&amp;Preview…</translation>
    </message>
    <message>
        <source>仍然新建表单</source>
        <translation>Create a New Form Anyway</translation>
    </message>
    <message>
        <source>保存表单(&amp;S)</source>
        <translation>&amp;Save Form</translation>
    </message>
    <message>
        <source>使用已有表单</source>
        <translation>Use the Existing Form</translation>
    </message>
    <message>
        <source>{label}（{parts}）</source>
        <translation>{label} ({parts})</translation>
    </message>
    <message>
        <source>{way}（默认）</source>
        <translation>{way} (default)</translation>
    </message>
    <message>
        <source>（无线索，按文字）</source>
        <translation>(no clue: text)</translation>
    </message>
    <message>
        <source>人工更正</source>
        <translation>corrected by hand</translation>
    </message>
    <message>
        <source>表单有错误</source>
        <translation>The Form Has Mistakes</translation>
    </message>
    <message>
        <source>无法预览</source>
        <translation>Cannot Preview</translation>
    </message>
    <message>
        <source>表单有错误，未保存</source>
        <translation>The Form Has Mistakes and Was Not Saved</translation>
    </message>
    <message>
        <source>未能保存表单</source>
        <translation>Form Not Saved</translation>
    </message>
    <message>
        <source>正在读取“{name}”…</source>
        <translation>Reading “{name}”…</translation>
    </message>
    <message>
        <source>未能导入表单</source>
        <translation>Form Not Imported</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>使用说明</source>
        <translation>User Guide</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>IssuesModel</name>
    <message>
        <source>  〔已说明〕</source>
        <translation>  [explained]</translation>
    </message>
    <message>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>警告</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>{kind}：{issue}</source>
        <translation>{kind}: {issue}</translation>
    </message>
</context>
<context>
    <name>IssuesPanel</name>
    <message>
        <source>{label}：{message}</source>
        <translation>{label}: {message}</translation>
    </message>
    <message>
        <source>{issue}（{suggestion}）</source>
        <translation>{issue} ({suggestion})</translation>
    </message>
    <message>
        <source>问题列表</source>
        <translation>Issues</translation>
    </message>
</context>
<context>
    <name>MainActions</name>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <source>新建(&amp;N)…</source>
        <translation>&amp;New…</translation>
    </message>
    <message>
        <source>新建一份报表</source>
        <translation>Create a new report</translation>
    </message>
    <message>
        <source>复制为新报表(&amp;D)…</source>
        <translation>&amp;Duplicate as New Report…</translation>
    </message>
    <message>
        <source>以当前报表为起点新建，例如沿用去年的报表</source>
        <translation>Start a new report from this one, e.g. last year&apos;s</translation>
    </message>
    <message>
        <source>导入报表(&amp;I)…</source>
        <translation>&amp;Import Report…</translation>
    </message>
    <message>
        <source>把填好的 Word 或 Excel 表单（如去年的报表）导入为新报表，导入前先预览</source>
        <translation>Import a filled Word or Excel form (such as last year’s report) as a new report, after a preview</translation>
    </message>
    <message>
        <source>删除(&amp;L)</source>
        <translation>De&amp;lete</translation>
    </message>
    <message>
        <source>把当前报表移到回收站</source>
        <translation>Move this report to the trash</translation>
    </message>
    <message>
        <source>回收站(&amp;T)…</source>
        <translation>&amp;Trash…</translation>
    </message>
    <message>
        <source>查看已删除的报表，恢复或彻底删除</source>
        <translation>See deleted reports; restore or delete them permanently</translation>
    </message>
    <message>
        <source>导出 XLSX(&amp;X)…</source>
        <translation>Export &amp;XLSX…</translation>
    </message>
    <message>
        <source>导出为 Excel 表格</source>
        <translation>Export as an Excel workbook</translation>
    </message>
    <message>
        <source>导出 PDF(&amp;F)…</source>
        <translation>Export PD&amp;F…</translation>
    </message>
    <message>
        <source>导出为 PDF 文件</source>
        <translation>Export as a PDF file</translation>
    </message>
    <message>
        <source>打包发送(&amp;K)…</source>
        <translation>Pac&amp;kage for Sending…</translation>
    </message>
    <message>
        <source>生成报送包（表格、PDF 和附件），发给上级单位</source>
        <translation>Make a package (workbook, PDF and attachments) to send to the next level up</translation>
    </message>
    <message>
        <source>打印(&amp;P)…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>预览并打印，与导出的 PDF 完全一致</source>
        <translation>Preview and print, exactly as the exported PDF</translation>
    </message>
    <message>
        <source>汇总(&amp;M)…</source>
        <translation>&amp;Merge…</translation>
    </message>
    <message>
        <source>把下级单位发来的报送包汇总成一份报表</source>
        <translation>Merge the packages sent by lower-level units into one report</translation>
    </message>
    <message>
        <source>表单管理(&amp;G)…</source>
        <translation>Mana&amp;ge Forms…</translation>
    </message>
    <message>
        <source>查看、导入、导出、预览表单模板，查看模板的问题</source>
        <translation>View, import, export and try out form templates, and see their problems</translation>
    </message>
    <message>
        <source>打开其他数据库(&amp;O)…</source>
        <translation>&amp;Open Another Database…</translation>
    </message>
    <message>
        <source>打开另一个填报数据库文件</source>
        <translation>Open another Tianbao database file</translation>
    </message>
    <message>
        <source>备份与恢复(&amp;B)…</source>
        <translation>&amp;Backup and Restore…</translation>
    </message>
    <message>
        <source>查看自动备份，立即备份，或从备份恢复</source>
        <translation>See automatic backups, back up now, or restore from a backup</translation>
    </message>
    <message>
        <source>设置(&amp;S)…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>单位、联系人、导出文件夹和语言</source>
        <translation>Unit, contact, export folder and language</translation>
    </message>
    <message>
        <source>退出(&amp;Q)</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>保存并退出填报</source>
        <translation>Save and quit Tianbao</translation>
    </message>
    <message>
        <source>撤销(&amp;U)</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>撤销当前报表的上一次修改</source>
        <translation>Undo the last change to this report</translation>
    </message>
    <message>
        <source>重做(&amp;R)</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <source>重做刚才撤销的修改</source>
        <translation>Redo the change just undone</translation>
    </message>
    <message>
        <source>使用说明(&amp;G)</source>
        <translation>User &amp;Guide</translation>
    </message>
    <message>
        <source>如何填写、检查、导出、汇总和备份报表（附截图）</source>
        <translation>How to fill in, check, export, merge and back up reports (with screenshots)</translation>
    </message>
    <message>
        <source>关于填报(&amp;A)</source>
        <translation>&amp;About Tianbao</translation>
    </message>
    <message>
        <source>版本与数据位置</source>
        <translation>Version and data location</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <source>复制</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>导出 XLSX</source>
        <translation>Export XLSX</translation>
    </message>
    <message>
        <source>导出 PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <source>打包发送</source>
        <translation>Package</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>汇总</source>
        <translation>Merge</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>打开数据库</source>
        <translation>Open Database</translation>
    </message>
    <message>
        <source>填报数据库 (*.db);;所有文件 (*)</source>
        <translation>Tianbao database (*.db);;All files (*)</translation>
    </message>
    <message>
        <source>（只读）</source>
        <translation> (read-only)</translation>
    </message>
    <message>
        <source>正在检查数据库…</source>
        <translation>Checking the database…</translation>
    </message>
    <message>
        <source>未能读取表单模板</source>
        <translation>Could not read the form templates</translation>
    </message>
    <message>
        <source>未能保存修改</source>
        <translation>Changes Not Saved</translation>
    </message>
    <message>
        <source>无法打开报表</source>
        <translation>Cannot Open Report</translation>
    </message>
    <message>
        <source>已保存 {time}</source>
        <translation>Saved {time}</translation>
    </message>
    <message>
        <source>新建报表</source>
        <translation>New Report</translation>
    </message>
    <message>
        <source>没有可用的表单。请在“文件 → 表单管理”中查看模板的问题或导入表单。</source>
        <translation>No form is available. Open File → Manage Forms to see the templates&apos; problems or to import a form.</translation>
    </message>
    <message>
        <source>未能新建报表</source>
        <translation>Report Not Created</translation>
    </message>
    <message>
        <source>已新建报表</source>
        <translation>New report created</translation>
    </message>
    <message>
        <source>已导入报表</source>
        <translation>Report imported</translation>
    </message>
    <message>
        <source>删除报表</source>
        <translation>Delete Report</translation>
    </message>
    <message>
        <source>把“{title}”移到回收站吗？

以后可以在“文件 → 回收站”中恢复。</source>
        <translation>Move “{title}” to the trash?

You can restore it later from File → Trash.</translation>
    </message>
    <message>
        <source>未能删除报表</source>
        <translation>Report Not Deleted</translation>
    </message>
    <message>
        <source>已移到回收站</source>
        <translation>Moved to the trash</translation>
    </message>
    <message>
        <source>已导出：{path}</source>
        <translation>Exported: {path}</translation>
    </message>
    <message>
        <source>汇总未完成</source>
        <translation>Merge Not Completed</translation>
    </message>
    <message>
        <source>无法打开数据库</source>
        <translation>Cannot Open Database</translation>
    </message>
    <message>
        <source>数据库未能重新打开，填报将关闭。请重新启动填报。</source>
        <translation>The database could not be reopened, so Tianbao will close. Please start Tianbao again.</translation>
    </message>
    <message>
        <source>未能保存设置</source>
        <translation>Settings Not Saved</translation>
    </message>
    <message>
        <source>已保存单位信息，新报表会自动填入</source>
        <translation>Unit details saved; new reports are filled in with them</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>界面语言将在重新启动填报后更改。</source>
        <translation>The language will change the next time Tianbao starts.</translation>
    </message>
    <message>
        <source>设置已保存</source>
        <translation>Settings saved</translation>
    </message>
    <message>
        <source>关于填报</source>
        <translation>About Tianbao</translation>
    </message>
    <message>
        <source>&lt;h3&gt;填报 Tianbao {version}&lt;/h3&gt;&lt;p&gt;离线填写、校验、导出和汇总各类总结报表。所有数据保存在本机的一个文件中。&lt;/p&gt;&lt;p&gt;数据库：{db}&lt;br&gt;日志文件：{log}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Tianbao {version}&lt;/h3&gt;&lt;p&gt;Fill in, check, export and merge summary reports offline. All data is kept in one file on this computer.&lt;/p&gt;&lt;p&gt;Database: {db}&lt;br&gt;Log file: {log}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>有修改未能保存。仍要退出吗？</source>
        <translation>Some changes could not be saved. Quit anyway?</translation>
    </message>
    <message>
        <source>填报</source>
        <translation>Tianbao</translation>
    </message>
</context>
<context>
    <name>MergeResultDialog</name>
    <message>
        <source>汇总结果</source>
        <translation>Merge Result</translation>
    </message>
    <message numerus="yes">
        <source>已汇总 {n} 个单位的报送包，生成了新的汇总报表（草稿），请检查后完成。</source>
        <translation>
            <numerusform>Merged the package of {n} unit into a new summary report (draft). Please check it, then mark it complete.</numerusform>
            <numerusform>Merged the packages of {n} units into a new summary report (draft). Please check it, then mark it complete.</numerusform>
        </translation>
    </message>
    <message>
        <source>本机原来没有这个表单，已从报送包中导入它的模板（{name}），可在“表单管理”中查看。</source>
        <translation>This database did not have the form: its template ({name}) came with the packages and has been imported. See it under Manage Forms.</translation>
    </message>
    <message>
        <source>没有可以汇总的报送包，未生成新报表。</source>
        <translation>No package could be merged; no report was made.</translation>
    </message>
    <message>
        <source>其中 {count} 个单位报送的是草稿：{units}。汇总报表中已注明。</source>
        <translation>{count} unit(s) sent a draft: {units}. The merged report says so.</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message numerus="yes">
        <source>以下 {n} 个文件未汇总：</source>
        <translation>
            <numerusform>This file was not merged:</numerusform>
            <numerusform>These {n} files were not merged:</numerusform>
        </translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>MergeSourcesDialog</name>
    <message>
        <source>汇总报送包</source>
        <translation>Merge Packages</translation>
    </message>
    <message>
        <source>本单位名称，如“四川省抗癌协会”</source>
        <translation>Your unit&apos;s name, e.g. “四川省抗癌协会”</translation>
    </message>
    <message>
        <source>添加文件…</source>
        <translation>Add Files…</translation>
    </message>
    <message>
        <source>添加文件夹…</source>
        <translation>Add Folder…</translation>
    </message>
    <message>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>汇总</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>汇总单位：</source>
        <translation>Merging unit:</translation>
    </message>
    <message>
        <source>选择下级单位发来的报送包（.zip），或包含报送包的文件夹：</source>
        <translation>Choose the packages (.zip) your units sent, or folders that hold them:</translation>
    </message>
    <message>
        <source>选择报送包</source>
        <translation>Choose Packages</translation>
    </message>
    <message>
        <source>报送包 (*.zip)</source>
        <translation>Package (*.zip)</translation>
    </message>
    <message>
        <source>选择包含报送包的文件夹</source>
        <translation>Choose a Folder with Packages</translation>
    </message>
</context>
<context>
    <name>NewReportDialog</name>
    <message>
        <source>新建报表</source>
        <translation>New Report</translation>
    </message>
    <message>
        <source>如：某某县疾病预防控制中心</source>
        <translation>e.g. XX County Center for Disease Control and Prevention</translation>
    </message>
    <message>
        <source>空白报表</source>
        <translation>Blank report</translation>
    </message>
    <message>
        <source>从数值文件（JSON）开始</source>
        <translation>Start from a values file (JSON)</translation>
    </message>
    <message>
        <source>复制已有报表（如去年的报表）</source>
        <translation>Copy an existing report (e.g. last year&apos;s)</translation>
    </message>
    <message>
        <source>选择 .json 文件…</source>
        <translation>Choose a .json file…</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>表单</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>起点</source>
        <translation>Start from</translation>
    </message>
    <message>
        <source>创建</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>届次/年度</source>
        <translation>Edition/Year</translation>
    </message>
    <message>
        <source>选择数值文件</source>
        <translation>Choose Values File</translation>
    </message>
    <message>
        <source>数值文件 (*.json);;所有文件 (*)</source>
        <translation>Values file (*.json);;All files (*)</translation>
    </message>
    <message>
        <source>请选择数值文件。</source>
        <translation>Please choose a values file.</translation>
    </message>
    <message>
        <source>找不到数值文件“{path}”。请重新选择。</source>
        <translation>Values file “{path}” not found. Please choose another.</translation>
    </message>
    <message>
        <source>请选择要复制的报表。</source>
        <translation>Please choose the report to copy.</translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message>
        <source>打印预览</source>
        <translation>Print Preview</translation>
    </message>
</context>
<context>
    <name>ReportEditor</name>
    <message>
        <source>标记为完成</source>
        <translation>Mark as Complete</translation>
    </message>
    <message>
        <source>没有错误时可标记为完成；完成后报表只读</source>
        <translation>Possible when there are no errors; a complete report is read-only</translation>
    </message>
    <message>
        <source>重新打开</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>把已完成的报表改回草稿，以便修改</source>
        <translation>Turn a complete report back into a draft so it can be changed</translation>
    </message>
    <message>
        <source>从左侧选择一份报表，或按 Ctrl+N 新建。</source>
        <translation>Choose a report on the left, or press Ctrl+N to create one.</translation>
    </message>
    <message>
        <source>已保存 {time}</source>
        <translation>Saved {time}</translation>
    </message>
    <message>
        <source>修改未能保存：{message}
您填写的内容仍保留在表中，程序会每隔几秒自动重试。</source>
        <translation>Your changes could not be saved: {message}
What you typed stays in the form, and saving is retried every few seconds.</translation>
    </message>
    <message>
        <source>未保存</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <source>修改未能保存：{message}</source>
        <translation>Changes not saved: {message}</translation>
    </message>
    <message>
        <source>修改已保存</source>
        <translation>Changes saved</translation>
    </message>
    <message>
        <source>问题（{errors}，{warnings}）</source>
        <translation>Issues ({errors}, {warnings})</translation>
    </message>
    <message numerus="yes">
        <source>{n} 个错误</source>
        <translation>
            <numerusform>{n} error</numerusform>
            <numerusform>{n} errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{n} 个警告</source>
        <translation>
            <numerusform>{n} warning</numerusform>
            <numerusform>{n} warnings</numerusform>
        </translation>
    </message>
    <message>
        <source>问题（无）</source>
        <translation>Issues (none)</translation>
    </message>
    <message>
        <source>附件（{n}）</source>
        <translation>Attachments ({n})</translation>
    </message>
    <message>
        <source>已完成（只读）。如需修改，请点“重新打开”。</source>
        <translation>Complete (read-only). To change it, click “Reopen”.</translation>
    </message>
    <message>
        <source>数据库以只读方式打开，不能修改。</source>
        <translation>The database is open read-only and cannot be changed.</translation>
    </message>
    <message numerus="yes">
        <source>还有 {n} 个错误，改正后才能标记为完成</source>
        <translation>
            <numerusform>{n} error left: correct it before marking as complete</numerusform>
            <numerusform>{n} errors left: correct them before marking as complete</numerusform>
        </translation>
    </message>
    <message>
        <source>未能标记为完成</source>
        <translation>Not Marked as Complete</translation>
    </message>
    <message>
        <source>已标记为完成</source>
        <translation>Marked as complete</translation>
    </message>
    <message>
        <source>未能重新打开</source>
        <translation>Not Reopened</translation>
    </message>
    <message>
        <source>已重新打开，可以修改</source>
        <translation>Reopened: it can be changed</translation>
    </message>
    <message>
        <source>修改“{label}”</source>
        <translation>Change “{label}”</translation>
    </message>
</context>
<context>
    <name>ReportImportDialog</name>
    <message>
        <source>导入填好的表单</source>
        <translation>Import a Filled Form</translation>
    </message>
    <message>
        <source>Word 或 Excel 表单 (*.docx *.xlsx);;所有文件 (*)</source>
        <translation>Word or Excel forms (*.docx *.xlsx);;All files (*)</translation>
    </message>
    <message>
        <source>导入报表：{name}</source>
        <translation>Import Report: {name}</translation>
    </message>
    <message>
        <source>{title}（{id}）</source>
        <translation>{title} ({id})</translation>
    </message>
    <message>
        <source>按表单：</source>
        <translation>As form:</translation>
    </message>
    <message>
        <source>表单栏目</source>
        <translation>Form row</translation>
    </message>
    <message>
        <source>文件中的栏目</source>
        <translation>Row in the file</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>读作 / 问题</source>
        <translation>Read as / problem</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>导入为新报表</source>
        <translation>Import as New Report</translation>
    </message>
    <message>
        <source>无法按此表单读取</source>
        <translation>Cannot Read It as This Form</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>已对应的栏目（{n}）</source>
        <translation>Matched rows ({n})</translation>
    </message>
    <message>
        <source>未对应的内容（{n}）</source>
        <translation>Not matched ({n})</translation>
    </message>
    <message>
        <source>读到 {n} 个栏目；{m} 处内容没有对应的栏目，不会导入。导入后有 {e} 个错误、{w} 个警告，可在编辑器中改正。</source>
        <translation>Read {n} rows; {m} pieces of content match no row and will not be imported. After the import there are {e} errors and {w} warnings to correct in the editor.</translation>
    </message>
    <message>
        <source>注意：{note}</source>
        <translation>Note: {note}</translation>
    </message>
    <message>
        <source>正在读取“{name}”…</source>
        <translation>Reading “{name}”…</translation>
    </message>
    <message>
        <source>未能导入报表</source>
        <translation>Report Not Imported</translation>
    </message>
</context>
<context>
    <name>ReportListModel</name>
    <message>
        <source>表单</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>届次/年度</source>
        <translation>Edition/Year</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>最后修改</source>
        <translation>Changed</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Complete</translation>
    </message>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>（无标题）</source>
        <translation>(untitled)</translation>
    </message>
</context>
<context>
    <name>ReportListPanel</name>
    <message>
        <source>全部表单</source>
        <translation>All forms</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Complete</translation>
    </message>
    <message>
        <source>全部年度</source>
        <translation>All years</translation>
    </message>
    <message>
        <source>搜索标题、单位或填写内容…</source>
        <translation>Search titles, units or contents…</translation>
    </message>
    <message>
        <source>在“{field}”中：{text}</source>
        <translation>In “{field}”: {text}</translation>
    </message>
    <message>
        <source>在标题、单位或届次中：{text}</source>
        <translation>In the title, unit or edition: {text}</translation>
    </message>
    <message>
        <source>没有找到“{text}”。</source>
        <translation>Nothing found for “{text}”.</translation>
    </message>
    <message>
        <source>当前只在所选的表单、状态或年度中查找，可改为“全部”再试。</source>
        <translation>Only the chosen form, status or year is searched; choose “All” to search everything.</translation>
    </message>
    <message numerus="yes">
        <source>找到 {n} 份报表。</source>
        <translation>
            <numerusform>{n} report found.</numerusform>
            <numerusform>{n} reports found.</numerusform>
        </translation>
    </message>
    <message>
        <source>没有符合筛选条件的报表。</source>
        <translation>No report matches the filters.</translation>
    </message>
    <message>
        <source>还没有报表。按 Ctrl+N 新建；沿用去年的报表可用“复制为新报表”。</source>
        <translation>No reports yet. Press Ctrl+N to create one; to start from last year&apos;s, use “Duplicate as New Report”.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>未设置时使用“文档”文件夹</source>
        <translation>The Documents folder when not set</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>打开其他数据库…</source>
        <translation>Open Another Database…</translation>
    </message>
    <message>
        <source>填表单位与联系人（用于签署栏）</source>
        <translation>Unit and contact (used in the sign-off block)</translation>
    </message>
    <message>
        <source>单位名称</source>
        <translation>Unit name</translation>
    </message>
    <message>
        <source>填表人</source>
        <translation>Filled in by</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>软件</source>
        <translation>Application</translation>
    </message>
    <message>
        <source>导出文件夹</source>
        <translation>Export folder</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>更改语言后，重新启动填报时生效。</source>
        <translation>A new language takes effect when Tianbao is restarted.</translation>
    </message>
    <message>
        <source>附件大小上限</source>
        <translation>Attachment size limit</translation>
    </message>
    <message>
        <source>数据库文件</source>
        <translation>Database file</translation>
    </message>
    <message>
        <source>（只读方式打开，设置不能保存）</source>
        <translation>(opened read-only: settings cannot be saved)</translation>
    </message>
    <message>
        <source>选择导出文件夹</source>
        <translation>Choose Export Folder</translation>
    </message>
</context>
<context>
    <name>TemplatePreview</name>
    <message>
        <source>预览：{title}</source>
        <translation>Preview: {title}</translation>
    </message>
    <message>
        <source>这是试填用的空白报表：可以随意输入，看看校验和提示是否合适。关闭窗口后内容即丢弃，不会保存到您的报表中。</source>
        <translation>A blank report to try the form: type anything and see whether the checks and hints fit. What you type is discarded when the window closes and never saved to your reports.</translation>
    </message>
</context>
<context>
    <name>TemplateTableModel</name>
    <message>
        <source>表单</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>编号（id）</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Origin</translation>
    </message>
    <message>
        <source>报表数</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message numerus="yes">
        <source>有 {n} 处错误</source>
        <translation>
            <numerusform>{n} mistake</numerusform>
            <numerusform>{n} mistakes</numerusform>
        </translation>
    </message>
    <message>
        <source>未使用（另一版本较新）</source>
        <translation>Not used (another version is newer)</translation>
    </message>
    <message>
        <source>可用</source>
        <translation>Ready</translation>
    </message>
    <message>
        <source>内置</source>
        <translation>Built-in</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Imported</translation>
    </message>
</context>
<context>
    <name>TemplatesDialog</name>
    <message>
        <source>导入表单模板</source>
        <translation>Import Form Template</translation>
    </message>
    <message>
        <source>表单模板或空白表 (*.toml *.docx *.xlsx);;表单模板 (*.toml);;Word 或 Excel 空白表、XLSForm (*.docx *.xlsx);;所有文件 (*)</source>
        <translation>Form templates or blank forms (*.toml *.docx *.xlsx);;Form templates (*.toml);;Blank Word or Excel forms, XLSForms (*.docx *.xlsx);;All files (*)</translation>
    </message>
    <message>
        <source>导出表单模板</source>
        <translation>Export Form Template</translation>
    </message>
    <message>
        <source>表单模板 (*.toml)</source>
        <translation>Form templates (*.toml)</translation>
    </message>
    <message>
        <source>表单管理</source>
        <translation>Manage Forms</translation>
    </message>
    <message>
        <source>内置表单随软件提供，不能修改或删除。导入的表单保存在当前数据库文件中，随数据库一起备份；每份报表都保留它填写时所用的模板。</source>
        <translation>Built-in forms come with the app and cannot be changed or deleted. Imported forms are kept in this database file and backed up with it; every report keeps the template it was filled in.</translation>
    </message>
    <message>
        <source>导入…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>预览试填</source>
        <translation>Try It Out</translation>
    </message>
    <message>
        <source>删除…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <source>未能读取表单模板</source>
        <translation>Could not read the form templates</translation>
    </message>
    <message>
        <source>{title}（{id}）</source>
        <translation>{title} ({id})</translation>
    </message>
    <message numerus="yes">
        <source>这个模板有 {n} 处错误，不能用来新建报表：</source>
        <translation>
            <numerusform>This template has {n} mistake and cannot be used for new reports:</numerusform>
            <numerusform>This template has {n} mistakes and cannot be used for new reports:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>第 {version} 版，{n} 个字段。</source>
        <translation>
            <numerusform>Version {version}, {n} field.</numerusform>
            <numerusform>Version {version}, {n} fields.</numerusform>
        </translation>
    </message>
    <message>
        <source>导入自“{name}”，导入时间 {time}。</source>
        <translation>Imported from “{name}” on {time}.</translation>
    </message>
    <message>
        <source>未使用：另一来源的同一表单版本较新或相同，新建报表时用那一个。</source>
        <translation>Not used: the same form from the other origin has a newer or equal version, and new reports use that one.</translation>
    </message>
    <message numerus="yes">
        <source>已有 {n} 份报表使用这个表单，不能删除。</source>
        <translation>
            <numerusform>{n} report uses this form, so it cannot be deleted.</numerusform>
            <numerusform>{n} reports use this form, so it cannot be deleted.</numerusform>
        </translation>
    </message>
    <message>
        <source>未能导入表单</source>
        <translation>Form Not Imported</translation>
    </message>
    <message>
        <source>已导入表单“{title}”（第 {version} 版）。</source>
        <translation>Imported the form “{title}” (version {version}).</translation>
    </message>
    <message>
        <source>表单“{title}”（第 {version} 版）已导入过，内容相同，未做改动。</source>
        <translation>The form “{title}” (version {version}) was already imported with the same content; nothing changed.</translation>
    </message>
    <message>
        <source>导入表单</source>
        <translation>Import Form</translation>
    </message>
    <message>
        <source>……共 {n} 处，全部列在下方。</source>
        <translation>…{n} in all, every one listed below.</translation>
    </message>
    <message numerus="yes">
        <source>“{name}”有 {n} 处错误，未导入：</source>
        <translation>
            <numerusform>“{name}” has {n} mistake and was not imported:</numerusform>
            <numerusform>“{name}” has {n} mistakes and was not imported:</numerusform>
        </translation>
    </message>
    <message>
        <source>模板有错误，未导入</source>
        <translation>Template Has Mistakes, Not Imported</translation>
    </message>
    <message numerus="yes">
        <source>“{name}”有 {n} 处错误，没有导入任何内容。请改正后再导入：

</source>
        <translation>
            <numerusform>“{name}” has {n} mistake; nothing was imported. Correct it and import again:

</numerusform>
            <numerusform>“{name}” has {n} mistakes; nothing was imported. Correct them and import again:

</numerusform>
        </translation>
    </message>
    <message>
        <source>未能导出表单</source>
        <translation>Form Not Exported</translation>
    </message>
    <message>
        <source>导出表单</source>
        <translation>Export Form</translation>
    </message>
    <message>
        <source>已导出到：{path}</source>
        <translation>Exported to: {path}</translation>
    </message>
    <message>
        <source>删除表单</source>
        <translation>Delete Form</translation>
    </message>
    <message>
        <source>删除导入的表单“{title}”（{form_id}）吗？

还没有报表使用它。删除后如需再用，可重新导入模板文件。</source>
        <translation>Delete the imported form “{title}” ({form_id})?

No report uses it yet. To use it again later, import its template file again.</translation>
    </message>
    <message>
        <source>未能删除表单</source>
        <translation>Form Not Deleted</translation>
    </message>
    <message>
        <source>无法预览表单</source>
        <translation>Cannot Preview the Form</translation>
    </message>
</context>
<context>
    <name>TrashDialog</name>
    <message>
        <source>回收站</source>
        <translation>Trash</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>彻底删除…</source>
        <translation>Delete Permanently…</translation>
    </message>
    <message>
        <source>回收站是空的。</source>
        <translation>The trash is empty.</translation>
    </message>
    <message>
        <source>删除的报表和移除的附件会先放在这里，可以恢复；彻底删除后无法恢复。</source>
        <translation>Deleted reports and removed attachments are kept here and can be restored; deleted for good, they cannot.</translation>
    </message>
    <message>
        <source>报表（{n}）</source>
        <translation>Reports ({n})</translation>
    </message>
    <message>
        <source>附件（{n}）</source>
        <translation>Attachments ({n})</translation>
    </message>
    <message>
        <source>彻底删除</source>
        <translation>Delete Permanently</translation>
    </message>
    <message>
        <source>确定要彻底删除附件“{names}”吗？

此操作无法撤销。</source>
        <translation>Delete the attachment(s) “{names}” for good?

This cannot be undone.</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>确定要彻底删除“{title}”吗？

它的全部填写内容、修改记录和附件都将被删除，此操作无法撤销。</source>
        <translation>Delete “{title}” permanently?

All its contents, change history and attachments will be deleted. This cannot be undone.</translation>
    </message>
</context>
<context>
    <name>UnitDetailsDialog</name>
    <message>
        <source>欢迎使用填报</source>
        <translation>Welcome to Tianbao</translation>
    </message>
    <message>
        <source>请填写本单位的信息。每份新报表都会自动填入这些内容，不必每次重写；以后可以在“文件 → 设置”中修改。</source>
        <translation>Please enter your unit&apos;s details. Every new report is filled in with them, so you need not type them each time; you can change them later under File → Settings.</translation>
    </message>
    <message>
        <source>如：某某县疾病预防控制中心</source>
        <translation>e.g. XX County Center for Disease Control and Prevention</translation>
    </message>
    <message>
        <source>填表人的姓名</source>
        <translation>Name of the person filling in the forms</translation>
    </message>
    <message>
        <source>如：0816-2345678 或手机号码</source>
        <translation>e.g. 0816-2345678 or a mobile number</translation>
    </message>
    <message>
        <source>单位名称(&amp;U)</source>
        <translation>&amp;Unit name</translation>
    </message>
    <message>
        <source>联系人(&amp;C)</source>
        <translation>&amp;Contact person</translation>
    </message>
    <message>
        <source>电话(&amp;P)</source>
        <translation>&amp;Phone</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>以后再说</source>
        <translation>Later</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>磁盘空间已满，刚才的操作未能完成。请清理磁盘空间后重试。</source>
        <translation>The disk is full, so the last action could not be completed. Free some disk space and try again.</translation>
    </message>
    <message>
        <source>数据库操作失败（{detail}）。请重试；如果问题反复出现，请在“备份与恢复”中检查数据库或从备份恢复。</source>
        <translation>A database operation failed ({detail}). Please try again; if it keeps happening, check the database or restore it in “Backup and Restore”.</translation>
    </message>
    <message>
        <source>发生了意外错误（{kind}）。刚才的操作未能完成，已保存的数据不受影响。详细信息已写入日志文件；如果问题反复出现，请把日志文件发给技术支持。</source>
        <translation>An unexpected error occurred ({kind}). The last action was not completed; data already saved is not affected. Details were written to the log file; if this keeps happening, please send the log file to support.</translation>
    </message>
    <message>
        <source>“{name}”</source>
        <translation>“{name}”</translation>
    </message>
    <message>
        <source>磁盘空间已满，无法写入{where}。请清理磁盘空间或选择其他位置后重试。</source>
        <translation>The disk is full: cannot write {where}. Free some disk space or choose another location, then try again.</translation>
    </message>
    <message>
        <source>没有权限访问{where}。请选择其他文件夹，或检查该文件是否只读、是否正被其他程序打开。</source>
        <translation>No permission to access {where}. Choose another folder, or check whether the file is read-only or open in another program.</translation>
    </message>
    <message>
        <source>找不到{where}。请检查文件或文件夹是否已被移动或删除。</source>
        <translation>Cannot find {where}. Check whether the file or folder was moved or deleted.</translation>
    </message>
    <message>
        <source>读写{where}时出错（{reason}）。请检查该位置是否可用后重试。</source>
        <translation>Error reading or writing {where} ({reason}). Check that the location is available and try again.</translation>
    </message>
    <message>
        <source>操作未完成</source>
        <translation>Not Completed</translation>
    </message>
    <message>
        <source>出错了</source>
        <translation>Something Went Wrong</translation>
    </message>
    <message>
        <source>日志文件：{path}</source>
        <translation>Log file: {path}</translation>
    </message>
</context>
<context>
    <name>export_actions</name>
    <message>
        <source>导出 XLSX</source>
        <translation>Export XLSX</translation>
    </message>
    <message>
        <source>Excel 表格 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>正在导出 Excel 表格…</source>
        <translation>Exporting the Excel workbook…</translation>
    </message>
    <message>
        <source>导出 PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF file (*.pdf)</translation>
    </message>
    <message>
        <source>正在导出 PDF…</source>
        <translation>Exporting the PDF…</translation>
    </message>
    <message>
        <source>打包发送</source>
        <translation>Package</translation>
    </message>
    <message>
        <source>报送包 (*.zip)</source>
        <translation>Package (*.zip)</translation>
    </message>
    <message>
        <source>正在打包…</source>
        <translation>Packaging…</translation>
    </message>
    <message>
        <source>导出完成</source>
        <translation>Export Complete</translation>
    </message>
    <message>
        <source>已保存到：
{path}</source>
        <translation>Saved to:
{path}</translation>
    </message>
    <message>
        <source>打开所在文件夹</source>
        <translation>Open Containing Folder</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>这份报表还有 {n} 个错误，尚未标记为完成。</source>
        <translation>This report still has {n} error(s) and is not marked complete.</translation>
    </message>
    <message>
        <source>这份报表尚未标记为完成（仍是草稿）。</source>
        <translation>This report is not marked complete yet (it is still a draft).</translation>
    </message>
    <message>
        <source>上级单位汇总时会看到它是草稿。仍要打包发送吗？

建议先检查无误，在编辑器中点“标记为完成”后再打包。</source>
        <translation>The level above will see that it is a draft when they merge it. Package it anyway?

Better: check it, click “Mark as Complete” in the editor, then package it.</translation>
    </message>
    <message>
        <source>仍要导出吗？导出的文件会注明为草稿。</source>
        <translation>Export it anyway? The exported file is marked as a draft.</translation>
    </message>
</context>
<context>
    <name>merge_dialog</name>
    <message>
        <source>正在汇总报送包…</source>
        <translation>Merging packages…</translation>
    </message>
    <message>
        <source>汇总</source>
        <translation>Merge</translation>
    </message>
</context>
<context>
    <name>open_store</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>无法修改数据库</source>
        <translation>Cannot Modify the Database</translation>
    </message>
    <message>
        <source>以只读方式打开</source>
        <translation>Open Read-Only</translation>
    </message>
    <message>
        <source>需要更新版本的填报</source>
        <translation>A Newer Tianbao Is Needed</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>无法打开数据库</source>
        <translation>Cannot Open Database</translation>
    </message>
    <message>
        <source>没有找到可用的自动备份。请选择其他数据库文件，或联系技术支持。</source>
        <translation>No usable automatic backup was found. Choose another database file, or contact support.</translation>
    </message>
    <message>
        <source>数据库文件已损坏</source>
        <translation>Damaged Database File</translation>
    </message>
    <message>
        <source>找到最新的备份：{time}（{name}）。是否从该备份恢复？
损坏的文件不会被覆盖，会以“.before-restore-日期”为名保留在原文件夹中。</source>
        <translation>The newest backup is from {time} ({name}). Restore from it?
The damaged file is not overwritten: it is kept in the same folder under the name “.before-restore-&lt;date&gt;”.</translation>
    </message>
    <message>
        <source>从备份恢复</source>
        <translation>Restore From Backup</translation>
    </message>
    <message>
        <source>恢复失败</source>
        <translation>Restore Failed</translation>
    </message>
    <message>
        <source>原来的文件保存为：{path}</source>
        <translation>The previous file was kept as: {path}</translation>
    </message>
    <message>
        <source>已从备份“{name}”恢复数据库。</source>
        <translation>The database was restored from the backup “{name}”.</translation>
    </message>
    <message>
        <source>已从备份恢复</source>
        <translation>Restored From Backup</translation>
    </message>
</context>
<context>
    <name>print_preview</name>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>正在准备打印…</source>
        <translation>Preparing to print…</translation>
    </message>
</context>
<context>
    <name>startup</name>
    <message>
        <source>填报的数据（数据库、备份和日志）已从旧位置
{old}
移到
{new}
新位置只在本机保存，不随漫游用户配置同步。</source>
        <translation>Tianbao&apos;s data (database, backups and log) was moved from the old place
{old}
to
{new}
The new place is kept on this computer only and does not roam with the user profile.</translation>
    </message>
    <message>
        <source>数据已移动</source>
        <translation>Data Moved</translation>
    </message>
    <message>
        <source>这次仍使用旧位置的数据：
{old}
未能移到
{new}
原因：{why}
下次启动时会再试。</source>
        <translation>This time the data in the old place is used:
{old}
It could not be moved to
{new}
Reason: {why}
This is tried again at the next start.</translation>
    </message>
    <message>
        <source>数据未移动</source>
        <translation>Data Not Moved</translation>
    </message>
</context>
<context>
    <name>widgets</name>
    <message>
        <source>原填写：{text}</source>
        <translation>As typed: {text}</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>清除选择，留空</source>
        <translation>Clear the choice and leave it empty</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>从日历中选择</source>
        <translation>Pick from a calendar</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>链接</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>添加一行</source>
        <translation>Add a row</translation>
    </message>
    <message>
        <source>删除所选行</source>
        <translation>Delete the selected rows</translation>
    </message>
    <message>
        <source>粘贴链接</source>
        <translation>Paste Links</translation>
    </message>
    <message>
        <source>把剪贴板里的媒体名称和链接（可多行）逐条加入表格</source>
        <translation>Add the media names and links on the clipboard (several lines allowed) to the table, one by one</translation>
    </message>
    <message>
        <source>每行一条：媒体名称和链接。可以直接粘贴原表整格内容（Ctrl+V）。</source>
        <translation>One per line: the media name and its link. You can paste a whole cell of the old form (Ctrl+V).</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>{label}：数量</source>
        <translation>{label}: count</translation>
    </message>
    <message>
        <source>每行一个名称；也可以直接粘贴原表整格内容，例如：</source>
        <translation>One name per line; you can also paste a whole cell of the old form, for example:</translation>
    </message>
    <message>
        <source>每行一个名称</source>
        <translation>One name per line</translation>
    </message>
    <message>
        <source>{label}：名称</source>
        <translation>{label}: names</translation>
    </message>
    <message>
        <source>名单不全（末尾加“等”）</source>
        <translation>List incomplete (ends with “etc.”)</translation>
    </message>
    <message>
        <source>补充说明…</source>
        <translation>Note…</translation>
    </message>
    <message>
        <source>名单之后的说明文字（写在“等”之后）</source>
        <translation>Text after the list (written after “etc.”)</translation>
    </message>
    <message>
        <source>补充说明（可选），如“同时，各地……”</source>
        <translation>Note (optional), e.g. “Also, local …”</translation>
    </message>
    <message>
        <source>{label}：补充说明</source>
        <translation>{label}: note</translation>
    </message>
    <message>
        <source>列出{count}个名称</source>
        <translation>{count} listed</translation>
    </message>
    <message>
        <source>{count}/{limit}字</source>
        <translation>Characters: {count}/{limit}</translation>
    </message>
    <message>
        <source>{count}字</source>
        <translation>Characters: {count}</translation>
    </message>
    <message>
        <source>例如：{example}</source>
        <translation>Example: {example}</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>必填</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>自动计算</source>
        <translation>Calculated</translation>
    </message>
</context>
<context>
    <name>workers</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
</TS>
