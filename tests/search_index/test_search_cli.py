"""``flask search-index rebuild`` and ``status``, and jieba loaded before serving."""

import os

from factories import make_workshop

from workshop_credit import search_index
from workshop_credit.search_index import analysis


def test_rebuild_builds_a_new_folder_and_swaps_it_in(app, runner):
    make_workshop("峡江县老王米粉加工坊")
    make_workshop("遂川县刘记豆皮作坊", district_name="遂川县")
    result = runner.invoke(args=["search-index", "rebuild"])
    assert result.exit_code == 0, result.output
    assert "重建搜索索引" in result.output and "已重建搜索索引：2 条记录" in result.output
    first = search_index.status()["folder"]
    runner.invoke(args=["search-index", "rebuild"])
    second = search_index.status()["folder"]
    assert second != first and os.path.isdir(first)  # open searchers may still read it
    runner.invoke(args=["search-index", "rebuild"])
    assert not os.path.isdir(first)
    assert search_index.query("豆皮").total == 1


def test_status_tells_documents_last_sync_and_lag(app, runner):
    result = runner.invoke(args=["search-index", "status"])
    assert "索引不存在" in result.output and "flask search-index rebuild" in result.output
    make_workshop("峡江县老王米粉加工坊")
    runner.invoke(args=["search-index", "rebuild"])
    make_workshop("峡江县巴邱米粉坊")
    result = runner.invoke(args=["search-index", "status"])
    assert "索引记录：1（数据库应有 2）" in result.output
    assert "待同步变更：0 条" not in result.output and "待同步变更：" in result.output
    search_index.sync_now()
    result = runner.invoke(args=["search-index", "status"])
    assert "索引记录：2（数据库应有 2）" in result.output and "待同步变更：0 条" in result.output


def test_jieba_is_loaded_by_the_factory_with_its_own_cache_folder(app):
    assert analysis._jieba.initialized  # before any search: once per process
    folder = analysis._jieba.tmp_dir
    assert os.path.basename(folder) == "jieba-cache"
    assert os.path.exists(os.path.join(folder, "jieba.cache"))
