package dev.vigil.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlOperationTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "SELECT * FROM orders WHERE id = ?|select",
                "select 1|select",
                "  \\n\\t SeLeCt x from t|select",
                "(select a from t) union (select b from u)|select",
                "((SELECT 1))|select",
                "-- a comment\\nselect 1|select",
                "/* hint */ SELECT 1|select",
                "/* outer /* nested */ still comment */ update t set a = 1|update",
                "# mysql comment\\ndelete from t|delete",
                "INSERT INTO t VALUES (1)|insert",
                "insert/*x*/into t values(1)|insert",
                "upsert into t values (1)|insert",
                "update t set x = 'select'|update",
                "DELETE FROM t|delete",
                "MERGE INTO t USING s ON (t.id = s.id) WHEN MATCHED THEN UPDATE SET a = 1|merge",
                "{call do_it(?, ?)}|call",
                "{? = call fn(?)}|call",
                "CALL proc()|call",
                "exec proc 1|call",
                "EXECUTE proc|call",
                "create table t (id int)|ddl",
                "ALTER TABLE t ADD c INT|ddl",
                "drop index i|ddl",
                "TRUNCATE TABLE t|ddl",
                "WITH recent AS (SELECT * FROM t WHERE d > ?) SELECT count(*) FROM recent|select",
                "with recursive r(n) as (select 1 union all select n + 1 from r where n < 5) select n from r|select",
                "WITH a AS (SELECT 1), b (x) AS MATERIALIZED (SELECT 'insert ) into' FROM a) INSERT INTO t SELECT x FROM b|insert",
                "with d as (select id from t) delete from u where id in (select id from d)|delete",
                "WITH x AS (SELECT 1) UPDATE t SET a = (SELECT * FROM x)|update",
                "WITH unterminated AS (SELECT 1|other",
                "show tables|other",
                "SET search_path TO app|other",
                "commit|other",
                "explain select 1|other",
                "values (1)|other",
                "selectx from t|other",
                "''|other",
                "'   '|other",
                "-- only a comment|other",
                "/* unterminated|other",
            })
    void classifiesByTheFirstKeyword(String sql, String expected) {
        assertThat(SqlOperation.of(sql.replace("\\n", "\n").replace("\\t", "\t")))
                .isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void nullAndHugeTextAreOther() {
        assertThat(SqlOperation.of(null)).isEqualTo("other");
        String huge = "WITH a AS (" + "SELECT 1 UNION ALL ".repeat(2000) + "SELECT 1) SELECT * FROM a";
        assertThat(SqlOperation.of(huge)).isEqualTo("other");
        assertThat(SqlOperation.of("select" + " ".repeat(10))).isEqualTo("select");
    }
}
